using Spectre.Console;

namespace Braid.Reporting.Bench;

/// <summary>Benchmark results on a terminal.</summary>
public static class BenchResultsConsole
{
    /// <summary>Prints the figures grouped by benchmark, then the ratios with their targets.</summary>
    public static void Print(this BenchResults results, IAnsiConsole console)
    {
        var figures = new Table().Title($"braid bench {results.Suite}").AddColumns("benchmark", "subject", "value", "unit");
        foreach (var m in results.Measurements)
        {
            figures.AddRow(Markup.Escape(m.Benchmark), Markup.Escape(m.Subject), Numbers.Format(m.Value), Markup.Escape(m.Unit));
        }
        console.Write(figures);
        if (results.Ratios.Count > 0)
        {
            var ratios = new Table().AddColumns("ratio", "value", "target", "", "meaning");
            foreach (var r in results.Ratios)
            {
                var verdict = r.Met switch { true => "[green]met[/]", false => "[red]missed[/]", null => "" };
                ratios.AddRow(Markup.Escape(r.Name), $"{r.Value:0.00}x", r.Target is { } t ? $">= {t:0.##}x" : "", verdict, Markup.Escape(r.Meaning));
            }
            console.Write(ratios);
        }
        foreach (var note in results.Notes)
        {
            console.MarkupLine($"[grey]note: {Markup.Escape(note)}[/]");
        }
        console.MarkupLine($"[grey]{results.Machine["cores"]} cores, {Markup.Escape(results.Machine["runtime"])}, GC: {Markup.Escape(results.Machine["gc"])}[/]");
    }
}
