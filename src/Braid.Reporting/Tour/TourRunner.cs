using System.Diagnostics;
using Spectre.Console;

namespace Braid.Reporting.Tour;

/// <summary>What one section of a tour did: its report section, how long it took, and the error if it failed.</summary>
public sealed record SectionOutcome(ITourSection Part, Section Section, TimeSpan Elapsed, Exception? Error);

/// <summary>Runs tour sections in order and writes <c>report.md</c> and <c>report.html</c>.</summary>
public static class TourRunner
{
    /// <summary>The report's title.</summary>
    public const string ReportTitle = "Braid tour report";

    /// <summary>
    /// Runs every section; a section that throws is reported as failed and the tour goes on, so one broken part
    /// never hides the others. Returns the outcomes in order.
    /// </summary>
    public static async Task<IReadOnlyList<SectionOutcome>> RunAsync(
        IEnumerable<ITourSection> parts, TourContext context, IAnsiConsole console, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(context.OutputDirectory);
        var outcomes = new List<SectionOutcome>();
        foreach (var part in parts)
        {
            console.MarkupLine($"[bold]{Markup.Escape(part.Title)}[/] ...");
            var clock = Stopwatch.StartNew();
            try
            {
                var section = await part.RunAsync(context, cancellationToken);
                outcomes.Add(new(part, section, clock.Elapsed, null));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var failed = new Section(part.Title).Text($"This section failed: {e.GetType().Name}: {e.Message}");
                outcomes.Add(new(part, failed, clock.Elapsed, e));
            }
        }

        var sections = outcomes.Select(o => o.Section).ToList();
        cancellationToken.ThrowIfCancellationRequested();
        Files.AtomicFile.WriteAllText(Path.Combine(context.OutputDirectory, "report.md"), MarkdownReport.Render(ReportTitle, sections, context.OutputDirectory));
        Files.AtomicFile.WriteAllText(Path.Combine(context.OutputDirectory, "report.html"), HtmlReport.Render(ReportTitle, sections));
        return outcomes;
    }

    /// <summary>Prints the summary table: one row per headline result of every section.</summary>
    public static void PrintSummary(IReadOnlyList<SectionOutcome> outcomes, IAnsiConsole console)
    {
        var table = new Table().AddColumns("part", "result", "value", "time");
        foreach (var o in outcomes)
        {
            var time = $"{o.Elapsed.TotalSeconds:0.0} s";
            if (o.Error is not null)
            {
                table.AddRow(Markup.Escape(o.Part.Id), "[red]failed[/]", Markup.Escape(o.Error.Message), time);
                continue;
            }
            var first = true;
            foreach (var (name, value) in o.Section.Summary)
            {
                table.AddRow(first ? Markup.Escape(o.Part.Id) : "", Markup.Escape(name), Markup.Escape(value), first ? time : "");
                first = false;
            }
            if (first) table.AddRow(Markup.Escape(o.Part.Id), "done", "", time);
        }
        console.Write(table);
    }
}
