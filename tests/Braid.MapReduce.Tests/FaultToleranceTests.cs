using System.Collections.Concurrent;
using System.Diagnostics;
using Braid.MapReduce.Engine;
using Braid.MapReduce.Executors;
using Braid.MapReduce.Generators;
using Braid.MapReduce.Jobs;

namespace Braid.MapReduce.Tests;

/// <summary>Workers that die or fail: the job still gives the exact answer, or fails naming the chunk.</summary>
public sealed class FaultToleranceTests : IClassFixture<TestInputs>
{
    private const int ChunkSize = 64 << 10;
    private readonly TestInputs _inputs;

    public FaultToleranceTests(TestInputs inputs) => _inputs = inputs;

    /// <summary>Kills the worker holding a chosen chunk, before or after the chunk is written to it.</summary>
    private sealed class Killer(int chunk, int maxKills, bool afterSend) : IWorkerObserver
    {
        public ConcurrentBag<int> Killed { get; } = new();

        public void Sending(int pid, Chunk c, int attempt)
        {
            if (!afterSend) MaybeKill(pid, c);
        }

        public void Sent(int pid, Chunk c, int attempt)
        {
            if (afterSend) MaybeKill(pid, c);
        }

        private void MaybeKill(int pid, Chunk c)
        {
            if (c.Index != chunk || Killed.Count >= maxKills) return;
            using var process = Process.GetProcessById(pid);
            process.Kill();
            process.WaitForExit();
            Killed.Add(pid);
        }
    }

    private string GeneratedFile(string name)
    {
        using var memory = new MemoryStream();
        WordsGenerator.Write(memory, 1 << 20, 5);
        return _inputs.Write(name, memory.ToArray());
    }

    [Fact]
    public async Task WorkerKilledWhileMapping_ResultIsExact()
    {
        var file = GeneratedFile("killed-mapping.txt");
        var expected = await TestInputs.RunAsync(new WordCountJob(), file, new InlineExecutor(), ChunkSize);
        var killer = new Killer(chunk: 3, maxKills: 1, afterSend: true);

        var result = await TestInputs.RunAsync(new WordCountJob(), file, new ProcessExecutor(2, TestInputs.Worker, killer), ChunkSize);

        Assert.Single(killer.Killed);
        Assert.Equal(expected.Values.OrderBy(p => p.Key, StringComparer.Ordinal), result.Values.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Stats.Chunks, result.Stats.Chunks);
    }

    [Fact]
    public async Task WorkerDeadWhenChunkArrives_ChunkIsRetriedOnANewWorker_ResultIsExact()
    {
        var file = GeneratedFile("killed-before.txt");
        var expected = await TestInputs.RunAsync(new WordCountJob(), file, new InlineExecutor(), ChunkSize);
        var killer = new Killer(chunk: 5, maxKills: 1, afterSend: false);

        var result = await TestInputs.RunAsync(new WordCountJob(), file, new ProcessExecutor(2, TestInputs.Worker, killer), ChunkSize);

        Assert.Equal(expected.Values.OrderBy(p => p.Key, StringComparer.Ordinal), result.Values.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(1, result.Stats.Retries);
        Assert.Equal(1, result.Stats.WorkersReplaced);
        Assert.Equal(3, result.Stats.WorkersStarted);
    }

    [Fact]
    public async Task ChunkWhoseWorkerDiesThreeTimes_FailsTheJob_NamingTheChunk()
    {
        var file = GeneratedFile("killed-thrice.txt");
        var killer = new Killer(chunk: 2, maxKills: int.MaxValue, afterSend: false);

        var error = await Assert.ThrowsAsync<ChunkFailedException>(() =>
            TestInputs.RunAsync(new WordCountJob(), file, new ProcessExecutor(2, TestInputs.Worker, killer), ChunkSize));

        Assert.Equal(2, error.ChunkIndex);
        Assert.StartsWith("chunk 2 (", error.Message);
        Assert.Contains("failed 3 times", error.Message);
        Assert.Contains("killed by signal 9", error.Message);
        Assert.Equal(3, killer.Killed.Count);
        // Every worker is gone once the job has failed.
        Assert.All(killer.Killed, pid => Assert.Throws<ArgumentException>(() => Process.GetProcessById(pid)));
    }

    /// <summary>Word count whose map throws on the chunk that contains a marker word, a set number of times.</summary>
    private sealed class FlakyJob(int failures) : MapReduceJob
    {
        private readonly WordCountJob _inner = new();
        private int _failuresLeft = failures;

        public override string Name => "flaky";

        public override bool HasCombiner => true;

        public override long Combine(long a, long b) => a + b;

        public override long Reduce(string key, ReadOnlySpan<long> values) => _inner.Reduce(key, values);

        public override void Map(ReadOnlySpan<char> text, long firstLine, Emitter output)
        {
            if (text.Contains("marker", StringComparison.Ordinal) && Interlocked.Decrement(ref _failuresLeft) >= 0)
            {
                throw new InvalidOperationException("flaky map");
            }
            _inner.Map(text, firstLine, output);
        }
    }

    [Theory]
    [InlineData("inline")]
    [InlineData("threads")]
    public async Task MapThatThrowsTwice_IsRetried_ResultIsExact(string executor)
    {
        var file = _inputs.Write($"flaky-{executor}.txt", "one two\nthree marker\nfour\n");
        var result = await TestInputs.RunAsync(new FlakyJob(failures: 2), file, TestInputs.Executor(executor), 8);
        Assert.Equal(2, result.Stats.Retries);
        Assert.Equal(1, result.Values["marker"]);
        Assert.Equal(5, result.Values.Count);
    }

    [Theory]
    [InlineData("inline")]
    [InlineData("threads")]
    public async Task MapThatAlwaysThrows_FailsTheJob_NamingTheChunk(string executor)
    {
        var file = _inputs.Write($"broken-{executor}.txt", "one two\nthree marker\nfour\n");
        var error = await Assert.ThrowsAsync<ChunkFailedException>(() =>
            TestInputs.RunAsync(new FlakyJob(failures: int.MaxValue), file, TestInputs.Executor(executor), 8));
        Assert.Equal(1, error.ChunkIndex);
        Assert.Contains("failed 3 times; last error: InvalidOperationException: flaky map", error.Message);
        Assert.Contains("from line 2", error.Message);
    }

    [Fact]
    public async Task Cancelling_StopsTheWorkers()
    {
        var file = GeneratedFile("cancel.txt");
        using var cancel = new CancellationTokenSource();
        var pids = new ConcurrentBag<int>();
        var observer = new CancelOnChunk(4, cancel, pids);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            MapReduceRunner.RunAsync(new WordCountJob(), [file], new ProcessExecutor(2, TestInputs.Worker, observer), ChunkSize, cancellationToken: cancel.Token));
        Assert.NotEmpty(pids);
        Assert.All(pids, pid => Assert.Throws<ArgumentException>(() => Process.GetProcessById(pid)));
    }

    private sealed class CancelOnChunk(int chunk, CancellationTokenSource cancel, ConcurrentBag<int> pids) : IWorkerObserver
    {
        public void Sending(int pid, Chunk c, int attempt)
        {
            pids.Add(pid);
            if (c.Index == chunk) cancel.Cancel();
        }

        public void Sent(int pid, Chunk c, int attempt)
        {
        }
    }
}
