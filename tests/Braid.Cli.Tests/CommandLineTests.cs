namespace Braid.Cli.Tests;

/// <summary>Unknown commands and options, help, and BRAID_DEBUG: what the README's command-line conventions promise.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("braid-cli-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void UnknownCommand_IsNamedAsOne_Exit2()
    {
        var run = BraidProcess.Run("nosuch");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("braid: unknown command 'nosuch'", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void UnknownSubcommand_IsNamedAsOne_WithTheCommandsThereAre()
    {
        var run = BraidProcess.Run("mapreduce", "nosuch");
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("unknown command 'nosuch'", line);
        Assert.Contains("wordcount", line);
    }

    [Fact]
    public void MistypedOption_IsAnUnknownOption_WithTheNearestSuggested_NeverAFileName()
    {
        var input = Path.Combine(_dir, "in.txt");
        File.WriteAllText(input, "a b c\n");
        var run = BraidProcess.Run("mapreduce", "wordcount", "--worker", "4", input);
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("unknown option '--worker'", line);
        Assert.Contains("did you mean '--workers'?", line);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void AFileNamedLikeAnOption_IsReadAfterDoubleDash()
    {
        var run = BraidProcess.Run("mapreduce", "wordcount", "--", "-no-such-file");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("braid: no such file: -no-such-file", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void UnknownOptionOfTheRoot_IsNamed()
    {
        var run = BraidProcess.Run("--nosuch");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("braid: unknown option '--nosuch'", Assert.Single(run.ErrorLines));
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
        var run = BraidProcess.Run("mapreduce", "wordcount", "--out", Path.Combine(_dir, "no", "such", "dir", "out.txt"), input);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--out: no such directory", Assert.Single(run.ErrorLines));
        Assert.DoesNotContain("wordcount:", run.Error); // the job's summary line: it never ran
        var json = BraidProcess.Run("bench", "runtime", "--json", _dir);
        Assert.Equal(2, json.ExitCode);
        Assert.Contains("is a directory", Assert.Single(json.ErrorLines));
        var plots = BraidProcess.Run("gil", "run", "--plots", input);
        Assert.Equal(2, plots.ExitCode);
        Assert.Contains("is a file, not a directory", Assert.Single(plots.ErrorLines));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("")]
    public void BraidDebugOff_GivesOneLine(string value)
    {
        var run = BraidProcess.Run(["mapreduce", "wordcount", Path.Combine(_dir, "missing.txt")], environment: new Dictionary<string, string> { ["BRAID_DEBUG"] = value });
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.ErrorLines);
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
        var run = BraidProcess.Run(["worker"], input: "hello, is anybody there?\n");
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("not a map-reduce coordinator", line);
        var help = BraidProcess.Run("worker", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("map-reduce worker", help.Out);
    }

    [Fact]
    public void TheChild_RunByHandWithGarbage_ExitsWithOneLine_AndSaysWhatItIsWithHelp()
    {
        var run = BraidProcess.Run(["child", "garbage"], input: "garbage\n");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("usage: braid child", Assert.Single(run.ErrorLines));
        var help = BraidProcess.Run("child", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("child process of 'braid bench overheads'", help.Out);
    }

    [Fact]
    public void StandardInputOnAPipe_IsRefusedByName_NeverAHang()
    {
        var run = BraidProcess.Run(["mapreduce", "wordcount", "/dev/stdin"], input: "some words\n");
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("/dev/stdin is a pipe (FIFO)", line);
        Assert.DoesNotContain("seek", line);
    }

    [Fact]
    public void AFifoWithNoWriter_IsRefusedAtOnce()
    {
        var fifo = Path.Combine(_dir, "fifo");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo])) mkfifo.WaitForExit();
        var run = BraidProcess.Run("mapreduce", "logs", "--executor", "inline", fifo);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{fifo} is a pipe (FIFO)", Assert.Single(run.ErrorLines));
    }
}
