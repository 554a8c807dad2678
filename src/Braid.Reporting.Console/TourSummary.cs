using Spectre.Console;

namespace Braid.Reporting.Tour;

/// <summary>The tour's summary on a terminal.</summary>
public static class TourSummary
{
    /// <summary>Prints the summary table: one row per headline result of every section.</summary>
    public static void Print(IReadOnlyList<SectionOutcome> outcomes, IAnsiConsole console)
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
