using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Braid.MapReduce.Engine;
using Braid.MapReduce.Executors;
using Braid.MapReduce.Generators;
using Braid.MapReduce.Jobs;

namespace Braid.MapReduce.Tests;

/// <summary>
/// Chunks sent as places in a file (workers read the bytes themselves) and results held across chunks: the splitting,
/// a file that changes or vanishes while workers read it, and a worker lost while it sends what it holds.
/// </summary>
public sealed class FileRangeTests : IClassFixture<TestInputs>
{
    private readonly TestInputs _inputs;

    public FileRangeTests(TestInputs inputs) => _inputs = inputs;

    private List<string> Places(string content, int chunkSize)
    {
        var file = _inputs.Write($"places-{Guid.NewGuid():N}.txt", content);
        var bytes = File.ReadAllBytes(file);
        return ChunkPlaces.Read([file], chunkSize).Select(c =>
        {
            Assert.False(c.HasBytes);
            Assert.Equal(bytes.Length, c.FileLength);
            return Encoding.UTF8.GetString(bytes, (int)c.Offset, c.Length);
        }).ToList();
    }

    [Fact]
    public void Places_CutAfterTheLastNewlineBeforeTheNominalEnd_KeepingEveryByte()
    {
        Assert.Equal(["aaa\nbb\n", "cccccc\n", "d\ne"], Places("aaa\nbb\ncccccc\nd\ne", 8));
        Assert.Equal(["x\n", "y\n"], Places("x\ny\n", 2));
    }

    [Fact]
    public void Places_LineLongerThanTheChunk_IsOneChunk()
    {
        var longLine = new string('x', 100_000) + "\n";
        Assert.Equal(["a\n", longLine, "b\n"], Places("a\n" + longLine + "b\n", 8));
        Assert.Equal(["a\n", new string('y', 200_000)], Places("a\n" + new string('y', 200_000), 8));
    }

    [Fact]
    public void Places_EmptyFileHasNone_AndNumbersRunOverFiles()
    {
        var a = _inputs.Write("places-a.txt", "one\ntwo\n");
        var empty = _inputs.Write("places-empty.txt", "");
        var b = _inputs.Write("places-b.txt", "three\n");
        var chunks = ChunkPlaces.Read([a, empty, b], 4).Select(c => (c.Index, c.File, c.Offset, c.Length)).ToList();
        Assert.Equal([(0, a, 0L, 4), (1, a, 4L, 4), (2, b, 0L, 6)], chunks);
    }

    [Fact]
    public async Task WordCountOnWorkersReadingTheFile_NeedsNoBytesInTheCoordinator_AndIsExact()
    {
        var file = Generated("places-run.txt", 1 << 20, 21);
        var expected = await TestInputs.RunAsync(new WordCountJob(), file, new InlineExecutor(), 32 << 10);
        var observer = new Watch();
        var result = await TestInputs.RunAsync(new WordCountJob(), file, new ProcessExecutor(2, TestInputs.Worker, observer), 32 << 10);
        Assert.Equal(expected.Values.OrderBy(p => p.Key, StringComparer.Ordinal), result.Values.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.All(observer.Chunks, c => Assert.False(c));
        // Each worker sent its results once, at the end, for every chunk it mapped.
        Assert.Equal(2, observer.Flushes.Count);
        Assert.Equal(result.Stats.Chunks, observer.Flushes.Sum());
    }

    private sealed class Watch : IWorkerObserver
    {
        public ConcurrentBag<bool> Chunks { get; } = new();

        public ConcurrentBag<int> Flushes { get; } = new();

        public void Sending(int pid, Chunk chunk, int attempt) => Chunks.Add(chunk.HasBytes);

        public void Sent(int pid, Chunk chunk, int attempt)
        {
        }

        public void Flushing(int pid, IReadOnlyList<Chunk> held) => Flushes.Add(held.Count);
    }

    /// <summary>Does something to the input file just before a chosen chunk is sent, once.</summary>
    private sealed class Meddle(int chunk, Action action) : IWorkerObserver
    {
        private int _done;

        public void Sending(int pid, Chunk c, int attempt)
        {
            if (c.Index == chunk && Interlocked.Exchange(ref _done, 1) == 0) action();
        }

        public void Sent(int pid, Chunk c, int attempt)
        {
        }
    }

    [Fact]
    public async Task FileThatGrowsDuringTheRun_FailsTheJob_SayingItChanged()
    {
        var file = Generated("grows.txt", 256 << 10, 22);
        var length = new FileInfo(file).Length;
        var observer = new Meddle(1, () => File.AppendAllText(file, "more words\n"));
        var error = await Assert.ThrowsAsync<InputChangedException>(() =>
            TestInputs.RunAsync(new WordCountJob(), file, new ProcessExecutor(1, TestInputs.Worker, observer), 32 << 10));
        Assert.Equal($"{file} changed while the job read it: it was {length} bytes, it is {length + 11} now", error.Message);
    }

    [Fact]
    public async Task FileRewrittenInPlace_SoLinesMoved_FailsTheJob_SayingItChanged()
    {
        var file = _inputs.Write("rewritten.txt", string.Concat(Enumerable.Repeat("word\n", 100)));
        // Overwritten in place, never shorter: the same length, but no newline where the chunks were cut.
        var observer = new Meddle(1, () =>
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Write);
            stream.Write(Encoding.ASCII.GetBytes(new string('x', 499) + "\n"));
        });
        // Same length and, within the clock's tick, perhaps the same times: the worker sees the lines moved.
        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            TestInputs.RunAsync(new WordCountJob(), file, new ProcessExecutor(1, TestInputs.Worker, observer), 64));
        Assert.Contains($"{file} changed", error.Message);
    }

    [Fact]
    public async Task FileTheWorkerCannotOpen_FailsTheJob_NamingTheFile()
    {
        var file = Generated("vanishes.txt", 128 << 10, 23);
        var observer = new Meddle(0, () => File.Delete(file));
        var error = await Assert.ThrowsAsync<InputChangedException>(() =>
            TestInputs.RunAsync(new WordCountJob(), file, new ProcessExecutor(1, TestInputs.Worker, observer), 32 << 10));
        Assert.Equal($"{file} changed while the job read it: it was removed", error.Message);
    }

    /// <summary>Kills a worker just as it is asked for the results it holds, once.</summary>
    private sealed class KillAtFlush : IWorkerObserver
    {
        public int Killed;

        public void Sending(int pid, Chunk chunk, int attempt)
        {
        }

        public void Sent(int pid, Chunk chunk, int attempt)
        {
        }

        public void Flushing(int pid, IReadOnlyList<Chunk> held)
        {
            if (Interlocked.Exchange(ref Killed, held.Count) != 0) return;
            using var process = Process.GetProcessById(pid);
            process.Kill();
            process.WaitForExit();
        }
    }

    [Fact]
    public async Task WorkerKilledWhileSendingWhatItHolds_EveryHeldChunkIsMappedAgain_ResultIsExact()
    {
        var file = Generated("killed-at-flush.txt", 512 << 10, 24);
        var expected = await TestInputs.RunAsync(new WordCountJob(), file, new InlineExecutor(), 32 << 10);
        var killer = new KillAtFlush();
        var result = await TestInputs.RunAsync(new WordCountJob(), file, new ProcessExecutor(1, TestInputs.Worker, killer), 32 << 10);
        Assert.Equal(expected.Values.OrderBy(p => p.Key, StringComparer.Ordinal), result.Values.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(result.Stats.Chunks, killer.Killed);
        Assert.Equal(killer.Killed, result.Stats.Remapped);
        Assert.Equal(1, result.Stats.WorkersReplaced);
        Assert.Equal(0, result.Stats.HeldBytes);
    }

    private string Generated(string name, long size, int seed)
    {
        using var memory = new MemoryStream();
        WordsGenerator.Write(memory, size, seed);
        return _inputs.Write(name, memory.ToArray());
    }
}
