using System.Buffers;
using System.Text;
using Braid.MapReduce.Engine;
using Braid.MapReduce.Executors;
using Braid.MapReduce.Framing;
using Braid.MapReduce.Generators;
using Braid.MapReduce.Jobs;

namespace Braid.MapReduce.Tests;

/// <summary>The engine's parts on their own: chunking, the key table, the wire format, inputs, sizes, generators.</summary>
public sealed class EngineUnitTests : IClassFixture<TestInputs>
{
    private readonly TestInputs _inputs;

    public EngineUnitTests(TestInputs inputs) => _inputs = inputs;

    private List<(string Text, long Offset, long FirstLine)> Chunks(string content, int chunkSize)
    {
        var file = _inputs.Write($"chunks-{Guid.NewGuid():N}.txt", content);
        var result = new List<(string, long, long)>();
        foreach (var chunk in ChunkReader.Read([file], chunkSize))
        {
            result.Add((Encoding.UTF8.GetString(chunk.Bytes), chunk.Offset, chunk.FirstLine));
            chunk.Release();
        }
        return result;
    }

    [Fact]
    public void ChunkReader_CutsAfterNewlines_KeepsEveryByte_NumbersLines()
    {
        var chunks = Chunks("aaa\nbb\ncccccc\nd\ne", 8);
        Assert.Equal([("aaa\nbb\n", 0L, 1L), ("cccccc\n", 7L, 3L), ("d\ne", 14L, 4L)], chunks);
    }

    [Fact]
    public void ChunkReader_LineLongerThanChunk_IsNeverSplit()
    {
        // The buffer doubles until the long line ends, and the chunk takes the whole lines read by then.
        var longLine = new string('x', 100) + "\n";
        var chunks = Chunks("a\n" + longLine + "b\n", 8);
        Assert.Equal(["a\n", longLine + "b\n"], chunks.Select(c => c.Text));
        Assert.Equal([1L, 2L], chunks.Select(c => c.FirstLine));
    }

    [Fact]
    public void ChunkReader_EmptyFile_HasNoChunks_AndFilesNeverShareAChunk()
    {
        Assert.Empty(Chunks("", 8));
        var a = _inputs.Write("a.txt", "one\ntwo");
        var b = _inputs.Write("b.txt", "three\n");
        var chunks = ChunkReader.Read([a, b], 1024).Select(c => (c.Index, c.File, c.FirstLine)).ToList();
        Assert.Equal([(0, a, 1L), (1, b, 1L)], chunks);
    }

    [Fact]
    public void KeyTable_CountsManyKeys_ShortAndLong_AcrossGrowth()
    {
        var table = new Utf8KeyTable(4);
        var expected = new Dictionary<string, long>();
        for (var i = 0; i < 20_000; i++)
        {
            var key = (i % 3) switch { 0 => $"k{i % 5000}", 1 => $"a-much-longer-key-number-{i % 700}", _ => "" };
            table.GetOrAdd(Encoding.UTF8.GetBytes(key), out _) += 1;
            expected[key] = expected.GetValueOrDefault(key) + 1;
        }
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), table.ToDictionary().OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void PartialCodec_RoundTrips_CombinedAndPairs()
    {
        var text = Encoding.UTF8.GetBytes("Zebra zebra äpfel ÄPFEL x x x 12345678901234567890\n");
        var combined = ChunkMapper.Map(new WordCountJob(), 7, 1, text);
        var buffer = new ArrayBufferWriter<byte>();
        PartialCodec.Encode(combined, buffer);
        var decoded = PartialCodec.Decode(buffer.WrittenSpan);
        Assert.Equal(7, decoded.ChunkIndex);
        Assert.Equal(combined.Combined!.ToDictionary().OrderBy(p => p.Key), decoded.Combined!.ToDictionary().OrderBy(p => p.Key));

        var pairs = new Emitter(new NoCombinerJob());
        pairs.Emit("b", -5);
        pairs.Emit("a", long.MaxValue);
        var partial = pairs.ToPartial(3, 2);
        buffer.ResetWrittenCount();
        PartialCodec.Encode(partial, buffer);
        var back = PartialCodec.Decode(buffer.WrittenSpan);
        Assert.Equal(partial.Pairs, back.Pairs);
        Assert.Equal(2, back.InvalidUtf8);
    }

    /// <summary>Keeps, per key, the values in input order (a reduce that is not a fold of a combiner).</summary>
    private sealed class NoCombinerJob : MapReduceJob
    {
        public override string Name => "first-seen-line";

        public override void Map(ReadOnlySpan<char> text, long firstLine, Emitter output)
        {
            foreach (var range in text.Split('\n'))
            {
                var line = text[range];
                if (!line.IsEmpty) output.Emit(line, firstLine);
                firstLine++;
            }
        }

        // The first value in input order: only right if values arrive ordered by chunk, whatever the executor did.
        public override long Reduce(string key, ReadOnlySpan<long> values) => values[0] * 1000 + values.Length;
    }

    [Theory]
    [InlineData("inline")]
    [InlineData("threads")]
    public async Task JobWithoutCombiner_GetsValuesInInputOrder(string executor)
    {
        var file = _inputs.Write($"nocombiner-{executor}.txt", string.Concat(Enumerable.Range(0, 300).Select(i => $"line{i % 7}\n")));
        var result = await TestInputs.RunAsync(new NoCombinerJob(), file, TestInputs.Executor(executor), 16);
        Assert.Equal(7, result.Values.Count);
        for (var k = 0; k < 7; k++) Assert.Equal((k + 1) * 1000L + (k < 300 % 7 ? 43 : 42), result.Values[$"line{k}"]);
    }

    [Fact]
    public void InputFiles_MissingOrDirectory_ClearMessages()
    {
        var missing = _inputs.PathOf("nope.txt");
        Assert.Equal($"no such file: {missing}", Assert.Throws<InputException>(() => InputFiles.Validate([missing])).Message);
        var dir = Path.GetDirectoryName(missing)!;
        Assert.Equal($"{dir} is a directory, not a file", Assert.Throws<InputException>(() => InputFiles.Validate([dir])).Message);
        Assert.Throws<InputException>(() => InputFiles.Validate([]));
    }

    [Fact]
    public async Task Runner_MissingFile_FailsBeforeStartingWorkers()
    {
        var missing = _inputs.PathOf("absent.txt");
        await Assert.ThrowsAsync<InputException>(() => TestInputs.RunAsync(new WordCountJob(), missing, new ProcessExecutor(2, new WorkerLaunch("/nonexistent/worker", [])), 1024));
    }

    [Fact]
    public async Task ProcessExecutor_WorkerThatCannotStart_FailsTheJobClearly()
    {
        var file = _inputs.Write("unstartable.txt", "a b c\n");
        var error = await Assert.ThrowsAsync<ChunkFailedException>(() =>
            TestInputs.RunAsync(new WordCountJob(), file, new ProcessExecutor(1, new WorkerLaunch("/nonexistent/worker", [])), 1024));
        Assert.Contains("could not start worker /nonexistent/worker", error.Message);
    }

    [Theory]
    [InlineData("200MB", 200L << 20)]
    [InlineData("1GB", 1L << 30)]
    [InlineData("1.5 GiB", 3L << 29)]
    [InlineData("512k", 512L << 10)]
    [InlineData("1000", 1000L)]
    public void ByteSize_Parses(string text, long bytes)
    {
        Assert.True(ByteSize.TryParse(text, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("MB")]
    [InlineData("-5MB")]
    [InlineData("lots")]
    public void ByteSize_RejectsNonsense(string text) => Assert.False(ByteSize.TryParse(text, out _));

    [Fact]
    public void Generators_AreDeterministic_AndReachTheSize()
    {
        static byte[] Words(int seed) { using var m = new MemoryStream(); WordsGenerator.Write(m, 100_000, seed); return m.ToArray(); }
        static byte[] Logs(int seed) { using var m = new MemoryStream(); LogsGenerator.Write(m, 100_000, seed); return m.ToArray(); }
        Assert.Equal(Words(1), Words(1));
        Assert.NotEqual(Words(1), Words(2));
        Assert.Equal(Logs(1), Logs(1));
        Assert.InRange(Words(1).Length, 100_000, 100_200);
        Assert.InRange(Logs(1).Length, 100_000, 100_600);
        Assert.Equal((byte)'\n', Words(3)[^1]);
        Assert.True(Words(3).All(b => b < 128));
    }

    [Fact]
    public void Zipf_FavoursLowRanks()
    {
        var zipf = new ZipfSampler(1000);
        var random = new Random(1);
        var counts = new int[1000];
        for (var i = 0; i < 200_000; i++) counts[zipf.Next(random)]++;
        // Rank 1 is drawn about twice as often as rank 2, and about 1/H(1000) = 13% of the time.
        Assert.InRange(counts[0] / (double)counts[1], 1.8, 2.2);
        Assert.InRange(counts[0] / 200_000.0, 0.12, 0.145);
    }
}
