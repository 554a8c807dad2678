using System.Diagnostics;
using Braid.MapReduce.Engine;
using Braid.MapReduce.Executors;
using Braid.MapReduce.Jobs;
using Braid.MapReduce.Orleans.Hosting;

namespace Braid.MapReduce.Orleans.Tests;

/// <summary>
/// A silo SIGKILLed mid-job loses nothing: the chunks its slot held or was mapping are mapped again on the others, and
/// the result equals the inline executor's. Each test has a cluster of its own, since it kills one of its silos.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class KilledSiloTests(TestFiles files)
{
    /// <summary>
    /// Kills a silo once it has been sent its <paramref name="nth"/> chunk: it dies mid-map, holding the results of
    /// the chunks before (by path; sent bytes are answered chunk by chunk).
    /// </summary>
    private sealed class SiloKiller(SiloProcess victim, int nth) : IWorkerObserver
    {
        private int _sent;

        public bool Killed => Volatile.Read(ref _sent) >= nth;

        public void Sending(int pid, Chunk chunk, int attempt)
        {
        }

        public void Sent(int pid, Chunk chunk, int attempt)
        {
            if (pid == victim.Pid && Interlocked.Increment(ref _sent) == nth) victim.Kill();
        }
    }

    /// <summary>Small chunks, so that each of the three slots gets several even when one of them starts late.</summary>
    private const int ChunkSize = 64 << 10;

    /// <summary>
    /// Seconds a job may take with a silo killed: detection takes 2-4 s (see ClusterDefaults), the job itself well under
    /// a second on an idle machine; the rest is slack for a 2-core machine shared with builds (load average 40 seen).
    /// Orleans' default failure detection alone would take about a minute.
    /// </summary>
    private const int KilledJobSeconds = 45;

    [Theory]
    [InlineData("wordcount", false)]
    [InlineData("logs", true)]
    public async Task SiloKilledMidJob_LosesNothing(string jobName, bool sendBytes)
    {
        await using var cluster = await Clusters.StartAsync(3);
        // Not the first silo: it is the client's gateway and holds the localhost membership, without which no cluster is left.
        var victim = cluster.Silos[2];
        var killer = new SiloKiller(victim, nth: 2);
        JobCatalog.TryCreate(jobName, out var job);
        var file = jobName == "logs" ? files.Logs("killed.log") : files.Words("killed.txt");
        var inline = await MapReduceRunner.RunAsync(job!, [file], new InlineExecutor(), ChunkSize);

        var clock = Stopwatch.StartNew();
        var result = await MapReduceRunner.RunAsync(job!, [file], cluster.Executor(sendBytes, killer), ChunkSize);

        Assert.True(killer.Killed, "the victim was killed");
        Assert.Equal(ClusterAgreementTests.Sorted(inline.Values), ClusterAgreementTests.Sorted(result.Values));
        Assert.Equal(inline.Stats.Chunks, result.Stats.Chunks);
        Assert.True(result.Stats.WorkersReplaced >= 1, "the lost silo's slot was replaced");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(KilledJobSeconds), $"took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task OnlySiloKilledMidJob_FailsWithOneClearLine()
    {
        await using var cluster = await Clusters.StartAsync(1);
        var killer = new SiloKiller(cluster.Silos[0], nth: 3);

        var error = await Assert.ThrowsAsync<ClusterException>(() =>
            MapReduceRunner.RunAsync(new WordCountJob(), [files.Words("alone.txt")], cluster.Executor(sendBytes: false, killer), ChunkSize));

        Assert.True(killer.Killed, "the only silo was killed");
        Assert.StartsWith("no live silo", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
