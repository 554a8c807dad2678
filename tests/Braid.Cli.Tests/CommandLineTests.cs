namespace Braid.Cli.Tests;

/// <summary>Unknown commands and options, help, and BRAID_DEBUG: what the README's command-line conventions promise.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("braid-cli-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A mistake on the command line: exit code 2 and one line on stderr, which is returned.</summary>
    private static string UsageLine(BraidRun run)
    {
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}, stderr: {run.Error}");
        Assert.Equal("", run.Out);
        return Assert.Single(run.ErrorLines);
    }

    [Theory]
    [InlineData("nosuch", "braid: unknown command 'nosuch'; the commands are tour, bench, gil, ")] // and every later part's
    [InlineData("mapreduce nosuch", "braid: unknown command 'nosuch'; the commands are wordcount, logs, generate")]
    [InlineData("mapreduce", "braid: no command given; the commands are wordcount, logs, generate")]
    [InlineData("--nosuch", "braid: unknown option '--nosuch'")]
    [InlineData("tour extra", "braid: unexpected argument 'extra'")]
    [InlineData("mapreduce wordcount -- -no-such-file", "braid: no such file: -no-such-file")] // after --, a file name
    public void CommandLineMistakes_AreOneLine_Exit2(string args, string start)
    {
        Assert.StartsWith(start, UsageLine(BraidProcess.Run(args.Split(' '))));
    }

    [Fact]
    public void MistypedOption_IsAnUnknownOption_WithTheNearestSuggested_NeverAFileName()
    {
        var input = Path.Combine(_dir, "in.txt");
        File.WriteAllText(input, "a b c\n");
        var line = UsageLine(BraidProcess.Run("mapreduce", "wordcount", "--worker", "4", input));
        Assert.Contains("unknown option '--worker'", line);
        Assert.Contains("did you mean '--workers'?", line);
    }

    [Fact]
    public void Help_Helps_AsDoesHelpOfACommand()
    {
        var help = BraidProcess.Run("help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("mapreduce", help.Out);
        Assert.Contains("tour", help.Out);
        var command = BraidProcess.Run("help", "mapreduce", "wordcount");
        Assert.Equal(0, command.ExitCode);
        Assert.Contains("--workers", command.Out);
        Assert.Equal(BraidProcess.Run("mapreduce", "wordcount", "--help").Out, command.Out);
    }

    [Fact]
    public void ATargetThatCannotBeWritten_IsReportedBeforeTheWorkStarts()
    {
        var input = Path.Combine(_dir, "in.txt");
        File.WriteAllText(input, "a b c\n");
        // One line, from the parser: the job's summary line never comes, nor the benchmark's progress.
        Assert.Contains("--out: no such directory", UsageLine(BraidProcess.Run("mapreduce", "wordcount", "--out", Path.Combine(_dir, "no", "such", "dir", "out.txt"), input)));
        Assert.Contains("is a directory", UsageLine(BraidProcess.Run("bench", "runtime", "--json", _dir)));
        Assert.Contains("is a file, not a directory", UsageLine(BraidProcess.Run("gil", "run", "--plots", input)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("")]
    public void BraidDebugOff_GivesOneLine(string value)
    {
        UsageLine(BraidProcess.Run(["mapreduce", "wordcount", Path.Combine(_dir, "missing.txt")], environment: new Dictionary<string, string> { ["BRAID_DEBUG"] = value }));
    }

    [Fact]
    public void BraidDebugOn_AddsTheTrace_AndChangesNothingElse()
    {
        var args = new[] { "mapreduce", "wordcount", Path.Combine(_dir, "missing.txt") };
        var plain = BraidProcess.Run(args);
        var debug = BraidProcess.Run(args, environment: new Dictionary<string, string> { ["BRAID_DEBUG"] = "1" });
        Assert.Equal(plain.ExitCode, debug.ExitCode);
        Assert.Equal(plain.ErrorLines[0], debug.ErrorLines[0]);
        Assert.Contains("   at ", debug.Error);
        Assert.Equal(plain.Out, debug.Out);
    }

    [Fact]
    public void TheWorker_RunByHandWithGarbage_ExitsWithOneLine_AndSaysWhatItIsWithHelp()
    {
        Assert.Contains("not a map-reduce coordinator", UsageLine(BraidProcess.Run(["worker"], input: "hello, is anybody there?\n")));
        var help = BraidProcess.Run("worker", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("map-reduce worker", help.Out);
    }

    [Fact]
    public void TheChild_RunByHandWithGarbage_ExitsWithOneLine_AndSaysWhatItIsWithHelp()
    {
        Assert.Contains("usage: braid child", UsageLine(BraidProcess.Run(["child", "garbage"], input: "garbage\n")));
        var help = BraidProcess.Run("child", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("child process of 'braid bench overheads'", help.Out);
    }

    [Fact]
    public void StandardInputOnAPipe_IsRefusedByName_NeverAHang()
    {
        var line = UsageLine(BraidProcess.Run(["mapreduce", "wordcount", "/dev/stdin"], input: "some words\n"));
        Assert.Contains("/dev/stdin is a pipe (FIFO)", line);
        Assert.DoesNotContain("seek", line);
    }

    [Fact]
    public void AFifoWithNoWriter_IsRefusedAtOnce()
    {
        var fifo = Path.Combine(_dir, "fifo");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo])) mkfifo.WaitForExit();
        Assert.Contains($"{fifo} is a pipe (FIFO)", UsageLine(BraidProcess.Run("mapreduce", "logs", "--executor", "inline", fifo)));
    }
}
