using System.Diagnostics;
using Braid.MapReduce.Engine;
using Braid.MapReduce.Executors;
using Braid.MapReduce.Generators;
using Braid.MapReduce.Jobs;
using Braid.Reporting;
using Braid.Reporting.Tour;

namespace Braid.Tour;

/// <summary>
/// The tour's multiprocessing section: one word-count job on a small generated file, inline, on threads and on
/// worker processes, with the speed-up of each from 1 to 2 workers; then the same job with a worker killed mid-job,
/// which must give the very same counts.
/// </summary>
public sealed class MultiprocessingTourSection : ITourSection
{
    private readonly WorkerLaunch _launch;

    /// <summary>Creates the section; <paramref name="launch"/> starts worker processes.</summary>
    public MultiprocessingTourSection(WorkerLaunch launch) => _launch = launch;

    /// <inheritdoc />
    public string Id => "multiprocessing";

    /// <inheritdoc />
    public string Title => "Multiprocessing: a map-reduce pipeline on threads and worker processes";

    /// <inheritdoc />
    public async Task<Section> RunAsync(TourContext context, CancellationToken cancellationToken)
    {
        var size = context.Quick ? 32L << 20 : 96L << 20;
        var input = Braid.Reporting.Files.TempFiles.Create("braid-tour-mapreduce", ".txt");
        var section = new Section(Title);
        try
        {
            context.Progress.Report($"generating {ByteSize.Format(size)} of words");
            WordsGenerator.WriteFile(input, size, 7);
            const int chunkSize = 1 << 20;
            await MapReduceRunner.RunAsync(new WordCountJob(), [input], new ThreadsExecutor(2), chunkSize, cancellationToken: cancellationToken);

            var rows = new List<IReadOnlyList<string>>();
            var seconds = new Dictionary<(ExecutorKind, int), double>();
            MapReduceResult? baseline = null;
            var runs = new[] { (ExecutorKind.Inline, 1), (ExecutorKind.Threads, 1), (ExecutorKind.Threads, 2), (ExecutorKind.Processes, 1), (ExecutorKind.Processes, 2) };
            foreach (var (kind, workers) in runs)
            {
                var executor = ExecutorFactory.Create(kind, workers, _launch);
                context.Progress.Report($"word count on {executor.Name} x{workers}", ProgressReporter.Fraction(rows.Count, runs.Length + 1));
                // Best of two runs: the machine may be shared, and one slowed run says nothing about the executor.
                var elapsed = double.MaxValue;
                MapReduceResult? result = null;
                for (var repeat = 0; repeat < 2; repeat++)
                {
                    var clock = Stopwatch.StartNew();
                    result = await MapReduceRunner.RunAsync(new WordCountJob(), [input], executor, chunkSize, cancellationToken: cancellationToken);
                    elapsed = Math.Min(elapsed, clock.Elapsed.TotalSeconds);
                }
                seconds[(kind, workers)] = elapsed;
                baseline ??= result!;
                var same = Same(baseline.Values, result!.Values) ? "yes" : "NO";
                rows.Add([executor.Name, workers.ToString(), $"{elapsed:0.00} s", $"{size / 1e6 / elapsed:0} MB/s", same]);
            }

            context.Progress.Report("word count with a worker killed mid-job", ProgressReporter.Fraction(runs.Length, runs.Length + 1));
            var killer = new KillOnce(chunkIndex: 5);
            var survived = await MapReduceRunner.RunAsync(new WordCountJob(), [input], new ProcessExecutor(2, _launch, killer), chunkSize, cancellationToken: cancellationToken);
            var exact = Same(baseline!.Values, survived.Values);

            var top = WordCountReport.Sorted(baseline.Values, 5);
            section.Text($"Word count of {ByteSize.Format(size)} of generated Zipf text ({baseline.Values.Values.Sum():N0} words, {baseline.Values.Count:N0} distinct), " +
                         "split into 1 MB chunks of whole lines. Each worker reads its chunks from the file and counts them into one table " +
                         "of its own (the map, with a combiner), then sends its counts back once; the coordinator adds them up (the reduce). " +
                         "Processes talk over pipes with length-prefixed frames, and the coordinator keeps every chunk whose counts have not " +
                         "arrived yet, so it can have them counted again.")
                .Table(["executor", "workers", "wall time (best of 2)", "throughput", "same counts"], rows)
                .Code("braid mapreduce wordcount FILE --executor processes --workers 2 --top 5\n" +
                      string.Join("\n", top.Select(p => $"{p.Key}\t{p.Value}")));

            var threadsUp = seconds[(ExecutorKind.Threads, 1)] / seconds[(ExecutorKind.Threads, 2)];
            var processesUp = seconds[(ExecutorKind.Processes, 1)] / seconds[(ExecutorKind.Processes, 2)];
            var plot = Charts.Lines(context.PlotPath(Id, "speedup"), "Speed-up from 1 to 2 workers", "workers", "speed-up over 1 worker",
            [
                new Series("threads", [1, 2], [1, threadsUp]),
                new Series("processes", [1, 2], [1, processesUp]),
                new Series("ideal", [1, 2], [1, 2]),
            ]);
            section.Figure(plot, "Speed-up of threads and worker processes from 1 to 2 workers (2 is linear).")
                .Text($"Fault tolerance: worker {killer.KilledPid} was killed while it held chunk 5; it was replaced, the chunk was sent again " +
                      $"({survived.Stats.Retries} retry, {survived.Stats.WorkersReplaced} worker replaced, {survived.Stats.Remapped} chunks whose counts " +
                      "the dead worker held counted again) and the counts are " +
                      (exact ? "exactly those of the undisturbed run." : "DIFFERENT from the undisturbed run: a bug."))
                .Headline("processes speed-up 1 -> 2", $"{processesUp:0.00}x")
                .Headline("threads speed-up 1 -> 2", $"{threadsUp:0.00}x")
                .Headline("killed worker, exact result", exact ? "yes" : "NO");
        }
        finally
        {
            Braid.Reporting.Files.TempFiles.Delete(input);
        }
        return section;
    }

    private static bool Same(IReadOnlyDictionary<string, long> a, IReadOnlyDictionary<string, long> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);

    /// <summary>Kills the worker that is about to receive a chosen chunk, once.</summary>
    private sealed class KillOnce(int chunkIndex) : IWorkerObserver
    {
        public int KilledPid { get; private set; }

        public void Sending(int pid, Chunk chunk, int attempt)
        {
            if (chunk.Index != chunkIndex || KilledPid != 0) return;
            using var process = Process.GetProcessById(pid);
            process.Kill();
            process.WaitForExit();
            KilledPid = pid;
        }

        public void Sent(int pid, Chunk chunk, int attempt)
        {
        }
    }
}
