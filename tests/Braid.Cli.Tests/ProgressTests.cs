using Braid.Cli.Progress;
using Microsoft.Extensions.Time.Testing;

namespace Braid.Cli.Tests;

/// <summary>Progress where output is not a terminal: plain lines on standard error, results alone on standard output.</summary>
public sealed class ProgressTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("braid-progress-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void PlainProgress_WritesALinePerSectionAndStep_WithTheFractionAndTheSectionsElapsedTime()
    {
        var time = new FakeTimeProvider();
        var lines = new StringWriter();
        var progress = new PlainProgress("bench demo", lines, time);

        progress.Report("first");
        time.Advance(TimeSpan.FromSeconds(1.5));
        progress.Report("second", 0.25);
        progress.Report("second", 0.5); // the same step further on: no new line
        progress.Section("next part");
        time.Advance(TimeSpan.FromSeconds(2));
        progress.Report("third", 2);

        Assert.Equal(
            ["braid: bench demo", "braid:   first (0.0 s)", "braid:   second (25%, 1.5 s)", "braid: next part", "braid:   third (100%, 2.0 s)"],
            lines.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Tour_Piped_PrintsOnlyTheSummaryOnStandardOutput_AndPlainProgressOnStandardError()
    {
        var run = BraidProcess.Run("tour", "--quick", "--only", "queues", "--out", _dir);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}, stderr: {run.Error}");
        Assert.DoesNotContain('\u001b', run.Out);
        Assert.DoesNotContain('\u001b', run.Error);
        Assert.DoesNotContain("queues (1/1)", run.Out);
        Assert.Contains("Report:", run.Out);
        Assert.Equal("braid: queues (1/1)", run.ErrorLines[0]);
        Assert.All(run.ErrorLines, line => Assert.StartsWith("braid: ", line));
        Assert.Contains(run.ErrorLines, line => line.Contains("items through a Braid channel", StringComparison.Ordinal));
    }
}
