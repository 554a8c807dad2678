using System.Diagnostics;

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
    /// never hides the others. Each section is announced to the context's progress reporter. Returns the outcomes in order.
    /// </summary>
    public static async Task<IReadOnlyList<SectionOutcome>> RunAsync(
        IEnumerable<ITourSection> parts, TourContext context, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(context.OutputDirectory);
        var outcomes = new List<SectionOutcome>();
        var list = parts.ToList();
        foreach (var part in list)
        {
            context.Progress.Section($"{part.Id} ({outcomes.Count + 1}/{list.Count})");
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
}
