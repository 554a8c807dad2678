using System.Diagnostics;
using Braid.MapReduce.Bench;
using Braid.MapReduce.Engine;
using Braid.MapReduce.Executors;
using Braid.MapReduce.Generators;
using Braid.MapReduce.Jobs;
using Braid.MapReduce.Orleans.Hosting;
using Braid.Reporting.Bench;

namespace Braid.MapReduce.Orleans.Bench;

/// <summary>
/// The orleans executor in <c>braid bench mapreduce</c>: word count on 1, 2 and 3 local silos (one slot each) beside
/// the processes executor with as many workers, on the same input. On one machine a cluster cannot be faster than
/// worker processes; the point is what each chunk costs more on the cluster. So every run is made at the default chunk
/// size (what a job sees) and at <see cref="SmallChunk"/>, where there are so many chunks that their cost shows: the
/// difference in wall time between the cluster and as many worker processes, over the chunks, is the cluster's
/// overhead per chunk. The client's own CPU per chunk, which no number of machines spreads, says how many chunks a
/// second one client can feed; the silos' CPU per chunk, what a chunk costs where it is mapped.
/// (A difference between the two chunk sizes says nothing here: a 4 MB chunk maps slower per byte than a small one,
/// which stays in the cache, and its last chunk holds up the end of a run longer.)
/// </summary>
public sealed class ClusterBench(WorkerLaunch silo, WorkerLaunch worker) : IMapReduceBenchSuite
{
    /// <summary>The small chunk size of the per-chunk measure.</summary>
    public const int SmallChunk = 64 << 10;

    /// <summary>The largest cluster measured.</summary>
    public const int MaxSilos = 3;

    /// <inheritdoc />
    public async Task RunAsync(string input, IReadOnlyDictionary<string, long> expected, BenchResults results, Action<string> log, CancellationToken cancellationToken)
    {
        log("orleans: starting 1 silo");
        await using var cluster = await LocalCluster.StartAsync(silo, 1);
        // Warm up the client's and the silo's code on the input, so that the first measured run is not charged for it.
        await MapReduceRunner.RunAsync(new WordCountJob(), [input], cluster.Executor(), SmallChunk, cancellationToken: cancellationToken);
        for (var silos = 1; silos <= MaxSilos; silos++)
        {
            if (silos > 1)
            {
                log($"orleans: adding silo {silos}");
                await cluster.AddSiloAsync();
            }
            var runs = new (string Subject, Func<IExecutor> Make)[]
            {
                ($"processes x{silos}", () => new ProcessExecutor(silos, worker)),
                ($"orleans, {silos} silo{(silos > 1 ? "s" : "")}", () => cluster.Executor()),
            };
            var executorRuns = new List<Run>();
            foreach (var (subject, make) in runs)
            {
                log($"wordcount on {subject}, {ByteSize.Format(MapReduceRunner.DefaultChunkSize)} and {ByteSize.Format(SmallChunk)} chunks");
                var large = await MeasureAsync(input, make, MapReduceRunner.DefaultChunkSize, expected, results, subject, cluster, cancellationToken);
                var small = await MeasureAsync(input, make, SmallChunk, expected, results, subject, cluster, cancellationToken);
                results.Add($"wall time, {ByteSize.Format(MapReduceRunner.DefaultChunkSize)} chunks", subject, large.Seconds, "s");
                results.Add($"wall time, {ByteSize.Format(SmallChunk)} chunks", subject, small.Seconds, "s");
                results.Add($"client CPU per chunk, {ByteSize.Format(SmallChunk)} chunks", subject, small.ClientCpu / small.Chunks * 1e3, "ms");
                if (small.SiloCpu > 0) results.Add($"silo CPU per chunk, {ByteSize.Format(SmallChunk)} chunks", subject, small.SiloCpu / small.Chunks * 1e3, "ms");
                if (executorRuns.Count == 1)
                {
                    var processes = executorRuns[0];
                    results.Add("cluster overhead per chunk (wall, against processes)", subject, (small.Seconds - processes.Seconds) / small.Chunks * 1e3, "ms");
                }
                executorRuns.Add(small);
            }
        }
        results.Notes.Add($"orleans: one slot per silo, the silos and the client on this machine; cluster overhead per chunk = (wall time of orleans on N silos " +
                          $"- of processes xN, at {ByteSize.Format(SmallChunk)} chunks) / chunks; CPU from /proc and the runtime (10 ms ticks)");
    }

    private sealed record Run(double Seconds, long Chunks, double ClientCpu, double SiloCpu);

    private static async Task<Run> MeasureAsync(string input, Func<IExecutor> make, int chunkSize, IReadOnlyDictionary<string, long> expected,
        BenchResults results, string subject, LocalCluster cluster, CancellationToken cancellationToken)
    {
        Run? best = null;
        for (var repeat = 0; repeat < MapReduceBench.Repeats; repeat++)
        {
            var executor = make();
            var siloCpu = cluster.Silos.Sum(s => ProcessCpu(s.Pid));
            var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var result = await MapReduceRunner.RunAsync(new WordCountJob(), [input], executor, chunkSize, cancellationToken: cancellationToken);
            var seconds = clock.Elapsed.TotalSeconds;
            var client = (Process.GetCurrentProcess().TotalProcessorTime - clientCpu).TotalSeconds;
            var silos = executor is OrleansExecutor ? cluster.Silos.Sum(s => ProcessCpu(s.Pid)) - siloCpu : 0;
            if (!MapReduceBench.SameCounts(expected, result.Values)) results.Notes.Add($"{subject} at {ByteSize.Format(chunkSize)} chunks counted differently: a bug");
            if (best is null || seconds < best.Seconds) best = new Run(seconds, result.Stats.Chunks, client, silos);
        }
        return best!;
    }

    /// <summary>A process's CPU time so far in seconds (user and system, from /proc), or 0 where it cannot be read.</summary>
    private static double ProcessCpu(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name may hold spaces: fields are counted after its closing parenthesis (utime, stime: 14, 15).
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
