using Braid.MapReduce.Generators;
using Braid.MapReduce.Jobs;

namespace Braid.MapReduce.Tests;

/// <summary>The logs job on a fixture whose counts are known by hand, on every executor and chunk size.</summary>
public sealed class LogsJobTests : IClassFixture<TestInputs>
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "access.log");
    private readonly TestInputs _inputs;

    public LogsJobTests(TestInputs inputs) => _inputs = inputs;

    [Theory]
    [InlineData("inline", 1 << 20)]
    [InlineData("inline", 64)]
    [InlineData("threads", 100)]
    [InlineData("processes", 64)]
    [InlineData("processes-bytes", 200)]
    public async Task Fixture_HasKnownCounts(string executor, int chunkSize)
    {
        var result = await TestInputs.RunAsync(new LogsJob(), Fixture, TestInputs.Executor(executor), chunkSize);
        var report = LogReport.From(result.Values, top: 3);

        Assert.Equal(9, report.Requests);
        Assert.Equal(3042, report.BytesServed);
        Assert.Equal(3, report.Malformed);
        Assert.Equal([new MalformedLine(0, 4), new MalformedLine(0, 6), new MalformedLine(0, 9)], report.FirstMalformedLines);
        Assert.Equal(Pairs(("200", 4), ("302", 1), ("304", 1), ("404", 1), ("408", 1), ("500", 1)), report.ByStatus);
        Assert.Equal(Pairs(("00", 1), ("09", 2), ("13", 3), ("14", 2), ("23", 1)), report.ByHour);
        Assert.Equal(Pairs(("/index.html", 4), ("-", 1), ("/", 1)), report.TopPaths);
        Assert.Equal(Pairs(("10.0.0.1", 4), ("10.0.0.2", 2), ("10.0.0.3", 1)), report.TopIps);
    }

    [Fact]
    public void Report_IsWrittenAsSections()
    {
        var values = new Dictionary<string, long> { ["requests"] = 2, ["bytes"] = 10, ["malformed"] = 1, ["malformed-line\t000000\t000000000007"] = 1, ["status\t200"] = 2 };
        var writer = new StringWriter();
        LogReport.From(values, 10).Write(writer);
        Assert.StartsWith("requests\t2\nbytes\t10\nmalformed\t1\t(first at lines 7)\n\n# status\n200\t2\n", writer.ToString());
    }

    [Theory]
    [InlineData("inline")]
    [InlineData("threads")]
    [InlineData("processes")]
    [InlineData("processes-bytes")]
    public async Task MalformedLines_OfSeveralFiles_AreNamedWithTheirFile(string executor)
    {
        var first = _inputs.Write($"first-{executor}.log", File.ReadAllBytes(Fixture));
        var second = _inputs.Write($"second-{executor}.log", "not a log line\n1.2.3.4 - - [10/Mar/2024:13:55:36 +0000] \"GET /a HTTP/1.1\" 200 12\nnor this\n");
        var files = new[] { first, second };
        var result = await Engine.MapReduceRunner.RunAsync(new LogsJob(), files, TestInputs.Executor(executor), 64);
        var report = LogReport.From(result.Values, 3, files);

        Assert.Equal(5, report.Malformed);
        Assert.Equal([new(0, 4), new(0, 6), new(0, 9), new(1, 1), new(1, 3)], report.FirstMalformedLines);
        var writer = new StringWriter();
        report.Write(writer);
        Assert.Contains($"malformed\t5\t(first at {first} line 4, {first} line 6, {first} line 9, {second} line 1, {second} line 3)\n", writer.ToString());
    }

    [Fact]
    public void MalformedLines_OfOneFile_AreNamedByLineOnly()
    {
        var values = new Dictionary<string, long> { ["malformed"] = 2, ["malformed-line\t000000\t000000000012"] = 1, ["malformed-line\t000000\t000000000003"] = 1 };
        var writer = new StringWriter();
        LogReport.From(values, 10, ["only.log"]).Write(writer);
        Assert.Contains("malformed\t2\t(first at lines 3, 12)\n", writer.ToString());
    }

    [Fact]
    public async Task GeneratedLogs_HaveSomeMalformedLines_AndEveryLineIsCounted()
    {
        var file = _inputs.PathOf("generated.log");
        LogsGenerator.WriteFile(file, 512 << 10, 3);
        var lines = File.ReadAllLines(file).Length;
        var result = await TestInputs.RunAsync(new LogsJob(), file, TestInputs.Executor("threads"), 16 << 10);
        var report = LogReport.From(result.Values, 10);
        Assert.Equal(lines, report.Requests + report.Malformed);
        Assert.InRange(report.Malformed, 1, lines / 50);
        Assert.Equal(24, report.ByHour.Count);
    }

    [Theory]
    [InlineData("1.2.3.4 - - [10/Mar/2024:13:55:36 +0000] \"GET /a?b=c HTTP/1.1\" 200 12 \"-\" \"x\"", true, "/a", 200, 12)]
    [InlineData("1.2.3.4 - - [10/Mar/2024:13:55:36 +0000] \"GET /a HTTP/1.1\" 304 -", true, "/a", 304, 0)]
    [InlineData("1.2.3.4 - - [10/Mar/2024:13:55:36 +0000] \"GET /a HTTP/1.1\" 200 12 referer", false, "", 0, 0)]
    [InlineData("1.2.3.4 - - [10/Mar/2024:25:55:36 +0000] \"GET /a HTTP/1.1\" 200 12", false, "", 0, 0)]
    [InlineData("1.2.3.4 - - [10/Mar/2024:13:55:36 +0000] \"GET /a HTTP/1.1\" 700 12", false, "", 0, 0)]
    [InlineData("host.example - - [10/Mar/2024:13:55:36 +0000] \"GET /a HTTP/1.1\" 200 12", false, "", 0, 0)]
    [InlineData("1.2.3.4 - - [10/Mar/2024:13:55:36 +0000] \"GET /a HTTP/1.1", false, "", 0, 0)]
    [InlineData("", false, "", 0, 0)]
    public void LogLine_Parses(string line, bool ok, string path, int status, long bytes)
    {
        Assert.Equal(ok, LogLine.TryParse(line, out var entry));
        if (!ok) return;
        Assert.Equal(path, entry.Path.ToString());
        Assert.Equal(status, entry.Status);
        Assert.Equal(bytes, entry.Bytes);
        Assert.Equal(13, entry.Hour);
        Assert.Equal("1.2.3.4", entry.Ip.ToString());
    }

    private static List<KeyValuePair<string, long>> Pairs(params (string Key, long Value)[] pairs) =>
        pairs.Select(p => new KeyValuePair<string, long>(p.Key, p.Value)).ToList();
}
