using System.CommandLine;

namespace Braid.Cli.Commands;

/// <summary><c>braid bench ...</c>: one subcommand per benchmark suite.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Measure: each suite prints a table of figures and ratios against baselines and peers.");
        bench.Subcommands.Add(RuntimeBenchCommand.Create());
        bench.Subcommands.Add(PrimitivesBenchCommand.Create());
        bench.Subcommands.Add(OverheadsBenchCommand.Create());
        bench.Subcommands.Add(MapReduceBenchCommand.Create());
        bench.Subcommands.Add(ExplorerBenchCommand.Create());
        bench.Subcommands.Add(EchoBenchCommand.Create());
        bench.Subcommands.Add(CrawlBenchCommand.Create());
        return bench;
    }
}
