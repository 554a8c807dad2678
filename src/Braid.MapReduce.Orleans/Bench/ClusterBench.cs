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
/// worker processes; the point is what each chunk costs more on the cluster. So every run is made at two chunk sizes,
/// the default and <see cref="SmallChunk"/>: the difference in wall time over the difference in chunks is the cost of
/// a chunk, whatever the map costs; and the client's own CPU per chunk, which no number of machines spreads, says
/// how many chunks a second one client can feed.
/// </summary>
public sealed class ClusterBench(WorkerLaunch silo, WorkerLaunch worker) : IMapReduceBenchSuite
{
    /// <summary>The small chunk size of the per-chunk measure.</summary>
    public const int SmallChunk = 256 << 10;

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
            foreach (var (subject, make) in runs)
            {
                log($"wordcount on {subject}, {ByteSize.Format(MapReduceRunner.DefaultChunkSize)} and {ByteSize.Format(SmallChunk)} chunks");
                var large = await MeasureAsync(input, make, MapReduceRunner.DefaultChunkSize, expected, results, subject, cluster, cancellationToken);
                var small = await MeasureAsync(input, make, SmallChunk, expected, results, subject, cluster, cancellationToken);
                var label = $"{subject}";
                results.Add("wall time, 4MB chunks", label, large.Seconds, "s");
                results.Add("wall time, 256KB chunks", label, small.Seconds, "s");
                results.Add("wall time per extra chunk", label, (small.Seconds - large.Seconds) / (small.Chunks - large.Chunks) * 1e3, "ms");
                results.Add("client CPU per chunk, 256KB chunks", label, small.ClientCpu / small.Chunks * 1e3, "ms");
                if (small.SiloCpu > 0) results.Add("silo CPU per chunk, 256KB chunks", label, small.SiloCpu / small.Chunks * 1e3, "ms");
            }
            var processes = results.Find("wall time per extra chunk", $"processes x{silos}")!.Value;
            var orleans = results.Find("wall time per extra chunk", $"orleans, {silos} silo{(silos > 1 ? "s" : "")}")!.Value;
            results.Notes.Add($"{silos} silo(s): a chunk costs {orleans:0.00} ms of wall time on the cluster against {processes:0.00} ms on worker processes " +
                              $"({orleans - processes:+0.00;-0.00} ms of cluster overhead per chunk, {silos} at a time)");
        }
        results.Notes.Add($"orleans: one slot per silo, all silos and the client on this machine; per extra chunk = (wall time at {ByteSize.Format(SmallChunk)} chunks - at " +
                          $"{ByteSize.Format(MapReduceRunner.DefaultChunkSize)}) / (difference in chunks); CPU from /proc (10 ms ticks)");
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
