using System.Diagnostics;
using System.Globalization;
using Braid.MapReduce.Engine;
using Braid.MapReduce.Executors;
using Braid.MapReduce.Generators;
using Braid.MapReduce.Jobs;
using Braid.Reporting;
using Braid.Reporting.Bench;

namespace Braid.MapReduce.Bench;

/// <summary>
/// <c>braid bench mapreduce</c>: word count on a generated ASCII file by every executor and worker count, with peak
/// memory, against the classic sort pipeline and a Python <c>multiprocessing.Pool</c> word count on the same file.
/// Every run's counts are checked against the first run's, and the sort pipeline's against Braid's.
/// </summary>
public static class MapReduceBench
{
    /// <summary>The seed of the benchmark input.</summary>
    public const int Seed = 42;

    /// <summary>The pipeline the course compares against, on ASCII input.</summary>
    public const string SortPipeline = "LC_ALL=C tr -cs 'A-Za-z0-9' '\\n' | tr A-Z a-z | sort | uniq -c";

    /// <summary>
    /// Runs the suite on an input of <paramref name="size"/> bytes; <paramref name="progress"/> hears what runs now, and
    /// how far the suite is. <paramref name="more"/> adds runs by executors the engine does not know (a cluster) on the same input.
    /// </summary>
    public static async Task<BenchResults> RunAsync(long size, WorkerLaunch launch, IProgressReporter progress, CancellationToken cancellationToken,
        IReadOnlyList<IMapReduceBenchSuite>? more = null)
    {
        // The steps: generating the input, each run, the sort pipeline, the Python pool.
        var steps = Runs.Count + 3;
        var step = 0;
        void Log(string what) => progress.Report(what, ProgressReporter.Fraction(step++, steps));
        var results = new BenchResults("mapreduce");
        results.Machine["load average at start"] = LoadAverage();
        results.Machine["worker"] = launch.IsNative
            ? "NativeAOT worker (BRAID_JIT_WORKER=1 for the JIT's)"
            : $"JIT worker ({string.Join(' ', launch.Arguments.Prepend(launch.FileName).Select(a => Path.GetFileName(a)))})";
        var input = Braid.Reporting.Files.TempFiles.Create("braid-mapreduce-bench", ".txt");
        try
        {
            Log($"generating {ByteSize.Format(size)} of Zipf words (seed {Seed})");
            var bytes = WordsGenerator.WriteFile(input, size, Seed);
            var megabytes = bytes / 1e6;
            results.Machine["input"] = $"{bytes} bytes of generated words, seed {Seed}";

            // Warm up the JIT on a small prefix so the first measured run is not charged for it.
            await WarmUpAsync(input, launch, cancellationToken);

            IReadOnlyDictionary<string, long>? first = null;
            foreach (var (kind, workers) in Runs)
            {
                var executor = ExecutorFactory.Create(kind, workers, launch);
                var subject = $"{executor.Name} x{workers}";
                Log($"wordcount on {subject}");
                // Best of two: the machine is shared, and a run slowed by a neighbour says nothing about Braid.
                var seconds = double.MaxValue;
                long peak = 0;
                MapReduceResult? result = null;
                for (var repeat = 0; repeat < Repeats; repeat++)
                {
                    PeakMemory.ResetThisProcess();
                    var clock = Stopwatch.StartNew();
                    result = await MapReduceRunner.RunAsync(new WordCountJob(), [input], executor, cancellationToken: cancellationToken);
                    seconds = Math.Min(seconds, clock.Elapsed.TotalSeconds);
                    peak = Math.Max(peak, PeakMemory.OfThisProcess() + result.Stats.WorkerPeakRssBytes);
                }
                results.Add("wall time", subject, seconds, "s");
                results.Add("throughput", subject, megabytes / seconds, "MB/s");
                results.Add("peak memory", subject, peak / 1e6, "MB");
                first ??= result!.Values;
                if (!SameCounts(first, result!.Values)) results.Notes.Add($"{subject} counted differently from {Runs[0].Kind}: a bug");
            }

            foreach (var suite in more ?? []) await suite.RunAsync(input, first!, results, Log, cancellationToken);

            var pipeline = RunSortPipeline(input, first!, results, Log);
            var python = RunPython(input, first!, results, Log);

            var processes2 = results.Find("wall time", "processes x2")!.Value;
            if (python is { } py) results.AddRatio("python Pool(2) / braid processes x2", py / processes2, 5, "wall time of the Python pool over Braid's, both with 2 workers");
            if (pipeline is { } sort) results.AddRatio("sort pipeline / braid processes x2", sort / processes2, 1, "wall time of the sort pipeline over Braid's");
            results.AddRatio("processes speed-up 1 -> 2 workers", results.Find("wall time", "processes x1")!.Value / processes2, 1.7, "near-linear on 2 cores is 2");
            results.AddRatio("threads speed-up 1 -> 2 workers", results.Find("wall time", "threads x1")!.Value / results.Find("wall time", "threads x2")!.Value, 1.7, "near-linear on 2 cores is 2");
            results.Machine["load average at end"] = LoadAverage();
            results.Notes.Add($"every figure is the best of {Repeats} runs (the machine is shared); load average (1, 5, 15 min) " +
                              $"at start {results.Machine["load average at start"]}, at end {results.Machine["load average at end"]}");
            results.Notes.Add($"peak memory: this process's peak resident set during the run (reset before it), plus each worker process's own peak; peers: the largest process of the run (GNU time)");
        }
        finally
        {
            Braid.Reporting.Files.TempFiles.Delete(input);
        }
        return results;
    }

    /// <summary>Runs of each configuration and peer; the fastest counts.</summary>
    public const int Repeats = 2;

    /// <summary>The executor runs measured, in order.</summary>
    public static IReadOnlyList<(ExecutorKind Kind, int Workers)> Runs { get; } =
    [
        (ExecutorKind.Inline, 1),
        (ExecutorKind.Threads, 1), (ExecutorKind.Threads, 2), (ExecutorKind.Threads, 4),
        (ExecutorKind.Processes, 1), (ExecutorKind.Processes, 2), (ExecutorKind.Processes, 4),
    ];

    private static async Task WarmUpAsync(string input, WorkerLaunch launch, CancellationToken cancellationToken)
    {
        var warm = input + ".warm";
        Braid.Reporting.Files.TempFiles.Track(warm);
        try
        {
            using (var source = File.OpenRead(input))
            using (var target = File.Create(warm))
            {
                var buffer = new byte[Math.Min(8 << 20, source.Length)];
                var read = source.Read(buffer);
                target.Write(buffer, 0, read);
            }
            await MapReduceRunner.RunAsync(new WordCountJob(), [warm], new ThreadsExecutor(2), 1 << 20, cancellationToken: cancellationToken);
            await MapReduceRunner.RunAsync(new WordCountJob(), [warm], new ProcessExecutor(2, launch), 1 << 20, cancellationToken: cancellationToken);
        }
        finally
        {
            Braid.Reporting.Files.TempFiles.Delete(warm);
        }
    }

    private static double? RunSortPipeline(string input, IReadOnlyDictionary<string, long> braid, BenchResults results, Action<string> log)
    {
        log("sort pipeline");
        var output = input + ".uniq";
        var memory = input + ".mem";
        try
        {
            var script = $"{SortPipeline.Replace("| tr A-Z", $"< '{input}' | tr A-Z", StringComparison.Ordinal)} > '{output}'";
            var timed = File.Exists("/usr/bin/time");
            var (run, seconds) = BestOf(() => timed
                ? Peers.Run("/usr/bin/time", ["-f", "%M", "-o", memory, "bash", "-c", script], TimeSpan.FromMinutes(10))
                : Peers.Run("bash", ["-c", script], TimeSpan.FromMinutes(10)));
            if (!run.Ran)
            {
                results.Notes.Add($"sort pipeline did not run: {run.Error}");
                return null;
            }
            results.Add("wall time", "sort pipeline", seconds, "s");
            results.Add("throughput", "sort pipeline", new FileInfo(input).Length / 1e6 / seconds, "MB/s");
            if (timed && long.TryParse(File.ReadAllText(memory).Trim(), out var kb)) results.Add("peak memory", "sort pipeline", kb / 1e3, "MB");
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var line in File.ReadLines(output))
            {
                var parts = line.Trim().Split(' ', 2);
                if (parts.Length == 2 && parts[1].Length > 0) counts[parts[1]] = long.Parse(parts[0], CultureInfo.InvariantCulture);
            }
            results.Notes.Add(SameCounts(braid, counts)
                ? $"the sort pipeline's counts equal Braid's ({counts.Count} distinct words)"
                : "the sort pipeline's counts DIFFER from Braid's");
            return seconds;
        }
        finally
        {
            File.Delete(output);
            File.Delete(memory);
        }
    }

    private static double? RunPython(string input, IReadOnlyDictionary<string, long> braid, BenchResults results, Action<string> log)
    {
        if (Peers.DebianPython is not { } python)
        {
            results.Notes.Add("Debian's /usr/bin/python3 is not installed: the Python pool was not measured (bench/install-peers.sh installs it)");
            return null;
        }
        if (Peers.BenchDirectory is not { } bench)
        {
            results.Notes.Add("bench/mapreduce/wordcount_pool.py not found (run from the repository): the Python pool was not measured");
            return null;
        }
        log("python multiprocessing.Pool(2)");
        var memory = input + ".pymem";
        try
        {
            var script = Path.Combine(bench, "mapreduce", "wordcount_pool.py");
            var timed = File.Exists("/usr/bin/time");
            var (run, seconds) = BestOf(() => timed
                ? Peers.Run("/usr/bin/time", ["-f", "%M", "-o", memory, python, script, input, "--workers", "2"], TimeSpan.FromMinutes(10))
                : Peers.Run(python, [script, input, "--workers", "2"], TimeSpan.FromMinutes(10)));
            if (!run.Ran)
            {
                results.Notes.Add($"python pool did not run: {run.Error}");
                return null;
            }
            results.Add("wall time", "python Pool(2)", seconds, "s");
            results.Add("throughput", "python Pool(2)", new FileInfo(input).Length / 1e6 / seconds, "MB/s");
            if (timed && long.TryParse(File.ReadAllText(memory).Trim(), out var kb)) results.Add("peak memory", "python Pool(2)", kb / 1e3, "MB");
            var expected = $"words={braid.Values.Sum()} distinct={braid.Count}";
            results.Notes.Add(run.Output.Trim() == expected
                ? $"the Python pool's totals equal Braid's ({expected})"
                : $"the Python pool's totals ({run.Output.Trim()}) DIFFER from Braid's ({expected})");
            return seconds;
        }
        finally
        {
            File.Delete(memory);
        }
    }

    /// <summary>Runs a peer <see cref="Repeats"/> times (stopping at a failure); its fastest time and last run.</summary>
    private static (PeerRun Run, double Seconds) BestOf(Func<PeerRun> run)
    {
        var best = double.MaxValue;
        PeerRun last = new(false, "", "not run");
        for (var repeat = 0; repeat < Repeats; repeat++)
        {
            var clock = Stopwatch.StartNew();
            last = run();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
            if (!last.Ran) break;
        }
        return (last, best);
    }

    /// <summary>The system's load averages, since figures on a busy shared machine must say how busy it was.</summary>
    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>True when two word counts are the same, word for word.</summary>
    public static bool SameCounts(IReadOnlyDictionary<string, long> a, IReadOnlyDictionary<string, long> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);
}
