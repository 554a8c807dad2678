using System.Text;
using Braid.MapReduce.Generators;
using Braid.MapReduce.Jobs;

namespace Braid.MapReduce.Tests;

/// <summary>The same word counts from every executor, equal to the reference, on generated input and on edge cases.</summary>
public sealed class ExecutorAgreementTests : IClassFixture<TestInputs>
{
    private readonly TestInputs _inputs;

    public ExecutorAgreementTests(TestInputs inputs) => _inputs = inputs;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var executor in new[] { "inline", "threads", "processes", "processes-bytes" })
        {
            foreach (var input in Inputs.Keys) data.Add(executor, input);
        }
        return data;
    }

    /// <summary>Each input with the chunk size that makes it interesting.</summary>
    private static readonly Dictionary<string, (Func<byte[]> Bytes, int ChunkSize)> Inputs = new()
    {
        ["generated"] = (() => Generated(1 << 20, 7), 32 << 10),
        ["empty"] = (() => [], 1024),
        ["no-trailing-newline"] = (() => Encoding.UTF8.GetBytes("Hello world\nhello WORLD again\nhello"), 8),
        ["line-longer-than-chunk"] = (() => Encoding.UTF8.GetBytes("short line\n" + string.Join(' ', Enumerable.Range(0, 3000).Select(i => $"w{i % 97}")) + "\nshort again\n"), 1024),
        ["crlf"] = (() => Encoding.UTF8.GetBytes("Foo bar\r\nfoo\r\n\r\nBAR baz\r\n"), 6),
        ["unicode"] = (() => Encoding.UTF8.GetBytes(
            "Ünïcödé ÜNÏCÖDÉ straße STRASSE Straße\n𝐀𝐁𝐂 𝐀𝐁𝐂 日本語 テキスト\nΣΑΣ σας ǅemal Ǆ 123٣ İstanbul\nçà-et-là cafe\u0301\n"), 16),
        ["invalid-utf8"] = (() => [.. "good "u8, 0xFF, .. "bad"u8, 0xC3, 0x28, .. " tail\n"u8, 0xE2, 0x82], 4),
    };

    private static byte[] Generated(long size, int seed)
    {
        using var memory = new MemoryStream();
        WordsGenerator.Write(memory, size, seed);
        return memory.ToArray();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task WordCount_EqualsReference(string executor, string input)
    {
        var (bytes, chunkSize) = Inputs[input];
        var content = bytes();
        var file = _inputs.Write($"{executor}-{input}.txt", content);

        var result = await TestInputs.RunAsync(new WordCountJob(), file, TestInputs.Executor(executor), chunkSize);

        var expected = ReferenceWordCount.Unicode(content);
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), result.Values.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(content.Length, result.Stats.Bytes);
        Assert.Equal(0, result.Stats.Retries);
    }

    [Fact]
    public async Task Generated_ManyChunks_SameSortedOutputOnEveryExecutor()
    {
        var file = _inputs.Write("many-chunks.txt", Generated(512 << 10, 11));
        var outputs = new List<string>();
        foreach (var executor in new[] { "inline", "threads", "processes", "processes-bytes" })
        {
            var result = await TestInputs.RunAsync(new WordCountJob(), file, TestInputs.Executor(executor), 8 << 10);
            Assert.True(result.Stats.Chunks > 50);
            var writer = new StringWriter();
            WordCountReport.Write(writer, WordCountReport.Sorted(result.Values));
            outputs.Add(writer.ToString());
        }
        Assert.All(outputs, o => Assert.Equal(outputs[0], o));
    }

    [Fact]
    public async Task InvalidUtf8_IsReplacedAndCounted_NotFatal()
    {
        byte[] content = [.. "ok "u8, 0xFF, 0xFE, .. " caf"u8, 0xC3, 0x28, .. " end\n"u8];
        var file = _inputs.Write("invalid.txt", content);
        foreach (var executor in new[] { "inline", "processes" })
        {
            var result = await TestInputs.RunAsync(new WordCountJob(), file, TestInputs.Executor(executor), 1024);
            Assert.Equal(3, result.InvalidUtf8);
            Assert.Equal(["caf", "end", "ok"], result.Values.Keys.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Output_IsSortedByCountDescendingThenWordOrdinal()
    {
        var file = _inputs.Write("order.txt", "b a B c a C b é e z\n");
        var result = await TestInputs.RunAsync(new WordCountJob(), file, new Executors.InlineExecutor(), 1024);
        var writer = new StringWriter();
        WordCountReport.Write(writer, WordCountReport.Sorted(result.Values, top: 4));
        Assert.Equal("b\t3\na\t2\nc\t2\ne\t1\n", writer.ToString());
    }
}
