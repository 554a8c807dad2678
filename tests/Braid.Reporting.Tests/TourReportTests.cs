using System.Text.RegularExpressions;
using Braid.MapReduce.Executors;
using Braid.Overheads.Child;
using Braid.Reporting.Tour;
using Spectre.Console;

namespace Braid.Reporting.Tests;

public sealed class TourReportTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"braid-tour-test-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    /// <summary>A section that draws one chart of each kind, with a table, text and a headline.</summary>
    private sealed class FakeSection(string id, bool fail = false) : ITourSection
    {
        public string Id => id;

        public string Title => $"Fake part {id}";

        public Task<Section> RunAsync(TourContext context, CancellationToken cancellationToken)
        {
            if (fail) throw new InvalidOperationException($"{id} broke");
            var lines = Charts.Lines(context.PlotPath(Id, "lines"), "lines", "n", "µs",
                [new Series("a", [10, 100, 1000], [5, 50, 500]), new Series("b", [10, 100, 1000], [1, 1, 2])], logY: true, logX: true);
            var bars = Charts.Bars(context.PlotPath(Id, "bars"), "bars", "x", ["one", "two", "three"], [1, 10, 100], logY: true);
            return Task.FromResult(new Section(Title)
                .Text($"text of {id} with <html> & | pipes")
                .Table(["a", "b"], [["1", "2"]])
                .Code("code line")
                .Figure(lines, $"lines of {id}")
                .Figure(bars, $"bars of {id}")
                .Headline("result", "42"));
        }
    }

    private static IAnsiConsole Console(StringWriter output) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });

    /// <summary>The sections the braid command runs, starting the stand-alone worker and child beside the tests.</summary>
    private static IReadOnlyList<ITourSection> RegisteredSections() => Braid.Tour.TourSections.All(
        WorkerLaunch.DotnetAssembly(Path.Combine(AppContext.BaseDirectory, "Braid.MapReduce.Worker.dll")),
        new ChildLauncher(WorkerLaunch.DotnetHost(), ["exec", Path.Combine(AppContext.BaseDirectory, "Braid.Overheads.Child.dll")]));

    private static IReadOnlyList<string> FiguresIn(string markdown) =>
        Regex.Matches(markdown, @"!\[[^\]]*\]\(([^)]+)\)").Select(m => m.Groups[1].Value).ToList();

    [Fact]
    public async Task Report_HasEverySection_AndEveryPlotIsAValidPng()
    {
        var parts = new ITourSection[] { new FakeSection("one"), new FakeSection("two"), new FakeSection("broken", fail: true) };
        var outcomes = await TourRunner.RunAsync(parts, new TourContext(_dir, Quick: true), CancellationToken.None);

        Assert.Equal(3, outcomes.Count);
        Assert.IsType<InvalidOperationException>(outcomes[2].Error);
        var md = File.ReadAllText(Path.Combine(_dir, "report.md"));
        var html = File.ReadAllText(Path.Combine(_dir, "report.html"));
        foreach (var part in parts)
        {
            Assert.Contains($"## {part.Title}", md);
            Assert.Contains($"<h2>{part.Title}</h2>", html);
        }
        Assert.Contains("This section failed: InvalidOperationException: broken broke", md);
        Assert.Contains("&lt;html&gt; &amp;", html);

        var figures = FiguresIn(md);
        Assert.Equal(4, figures.Count);
        foreach (var figure in figures)
        {
            Assert.Equal((800, 480), Png.AssertValid(Path.Combine(_dir, figure)));
        }
        // Self-contained: every figure is embedded, none is linked.
        Assert.Equal(4, Regex.Matches(html, "src=\"data:image/png;base64,iVBORw0KGgo").Count);
        Assert.DoesNotContain(".png\"", html);
    }

    [Fact]
    public async Task RealTour_Quick_WritesEveryRegisteredSection_WithValidPlots()
    {
        // The peers (Python, Go) are for benchmarks: tests neither need them nor wait for them.
        Environment.SetEnvironmentVariable("BRAID_NO_PEERS", "1");
        var parts = RegisteredSections();
        var output = new StringWriter();
        var console = Console(output);
        var progress = new RecordedProgress();
        var outcomes = await TourRunner.RunAsync(parts, new TourContext(_dir, Quick: true) { Progress = progress }, CancellationToken.None);

        Assert.All(outcomes, o => Assert.Null(o.Error));
        Assert.Equal(parts.Select(p => p.Id), outcomes.Select(o => o.Part.Id));
        var md = File.ReadAllText(Path.Combine(_dir, "report.md"));
        var html = File.ReadAllText(Path.Combine(_dir, "report.html"));
        foreach (var part in parts)
        {
            Assert.Contains($"## {part.Title}", md);
            Assert.Contains($"<h2>{System.Net.WebUtility.HtmlEncode(part.Title)}</h2>", html);
        }
        var figures = FiguresIn(md);
        foreach (var id in new[] { "gil", "native", "overheads", "semaphores" })
        {
            Assert.Contains(figures, f => f.StartsWith(id + "-"));
        }
        foreach (var figure in figures) Png.AssertValid(Path.Combine(_dir, figure));
        Assert.Equal(figures.Count, Regex.Matches(html, "data:image/png;base64,").Count);

        TourSummary.Print(outcomes, console);
        foreach (var part in parts) Assert.Contains(part.Id, output.ToString());
        // Every section was announced in order, and each said what it measured, with fractions from 0 to 1.
        Assert.Equal(parts.Select((p, i) => $"{p.Id} ({i + 1}/{parts.Count})"), progress.Sections);
        foreach (var part in parts) Assert.Contains(progress.Steps, s => s.Section.StartsWith(part.Id + " ", StringComparison.Ordinal));
        Assert.All(progress.Steps, s => Assert.InRange(s.Fraction ?? 0, 0, 1));
    }

    [Fact]
    public void PlotPath_NamesFilesAfterSectionAndPlot()
    {
        var context = new TourContext(_dir, Quick: true);
        Assert.Equal(Path.Combine(_dir, "gil-speedup.png"), context.PlotPath("gil", "speedup"));
    }
}
