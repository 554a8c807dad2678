using Braid.MapReduce.Engine;
using Braid.MapReduce.Executors;
using Braid.MapReduce.Generators;
using Braid.MapReduce.Jobs;
using Microsoft.Extensions.Time.Testing;

namespace Braid.MapReduce.Tests;

/// <summary>
/// A worker that stops answering mid-chunk is killed at the chunk timeout and treated like a crashed one. The worker is
/// made to hang for real (a hook in the test worker); the timeout runs on a fake clock that the test moves on once the
/// chunk is sent, so no test waits for real time to pass.
/// </summary>
public sealed class HungWorkerTests : IClassFixture<TestInputs>
{
    private const int ChunkSize = 64 << 10;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly TestInputs _inputs;

    public HungWorkerTests(TestInputs inputs) => _inputs = inputs;

    /// <summary>When a chunk has been sent to a worker, lets the chunk timeout pass; optionally then lets workers answer.</summary>
    private sealed class TimeOutAt(int chunk, FakeTimeProvider time, string marker, bool thenAnswer) : IWorkerObserver
    {
        public int TimedOut { get; private set; }

        public void Sending(int pid, Chunk c, int attempt)
        {
        }

        public void Sent(int pid, Chunk c, int attempt)
        {
            // While the marker is missing the worker hangs at this chunk: it cannot have answered.
            if (c.Index != chunk || File.Exists(marker)) return;
            time.Advance(Timeout);
            TimedOut++;
            // Workers given the chunk from now on map it.
            if (thenAnswer) File.WriteAllText(marker, "");
        }
    }

    private (string File, WorkerLaunch Launch, string Marker) Setup(string name)
    {
        using var memory = new MemoryStream();
        WordsGenerator.Write(memory, 1 << 20, 9);
        var file = _inputs.Write(name + ".txt", memory.ToArray());
        var marker = _inputs.PathOf(name + ".answer");
        var launch = TestInputs.Worker with { Environment = new Dictionary<string, string> { ["BRAID_TEST_HANG_AT_CHUNK"] = $"3:{marker}" } };
        return (file, launch, marker);
    }

    [Fact(Timeout = 120_000)]
    public async Task WorkerHungMidChunk_IsKilledAtTheTimeout_ChunkRetried_ResultIsExact()
    {
        var (file, launch, marker) = Setup("hung-once");
        var expected = await TestInputs.RunAsync(new WordCountJob(), file, new InlineExecutor(), ChunkSize);
        var time = new FakeTimeProvider();
        var observer = new TimeOutAt(3, time, marker, thenAnswer: true);

        var result = await TestInputs.RunAsync(new WordCountJob(), file, new ProcessExecutor(1, launch, observer, chunkTimeout: Timeout, time: time), ChunkSize);

        Assert.Equal(1, observer.TimedOut);
        Assert.Equal(expected.Values.OrderBy(p => p.Key, StringComparer.Ordinal), result.Values.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(1, result.Stats.Retries);
        Assert.Equal(1, result.Stats.WorkersReplaced);
        // The one worker held chunks 0 to 2 when it was killed: they were mapped again.
        Assert.Equal(3, result.Stats.Remapped);
    }

    [Fact(Timeout = 120_000)]
    public async Task WorkerHungAtEveryAttempt_FailsTheJob_SayingItTimedOut()
    {
        var (file, launch, marker) = Setup("hung-always");
        var time = new FakeTimeProvider();
        var observer = new TimeOutAt(3, time, marker, thenAnswer: false);

        var error = await Assert.ThrowsAsync<ChunkFailedException>(() =>
            TestInputs.RunAsync(new WordCountJob(), file, new ProcessExecutor(1, launch, observer, chunkTimeout: Timeout, time: time), ChunkSize));

        Assert.Equal(3, error.ChunkIndex);
        Assert.Equal(3, observer.TimedOut);
        Assert.Contains("did not answer within 60 s (the chunk timeout) and was killed", error.Message);
    }

    [Fact]
    public async Task WorkersThatAnswerInTime_AreNeverKilled()
    {
        // A fake clock that never moves: a timeout can only fire if the executor misuses its timers.
        var (file, _, _) = Setup("in-time");
        var time = new FakeTimeProvider();
        var result = await TestInputs.RunAsync(new WordCountJob(), file, new ProcessExecutor(2, TestInputs.Worker, chunkTimeout: TimeSpan.FromTicks(1), time: time), ChunkSize);
        Assert.Equal(0, result.Stats.Retries);
        Assert.Equal(2, result.Stats.WorkersStarted);
    }
}
