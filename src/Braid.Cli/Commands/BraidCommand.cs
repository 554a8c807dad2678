using System.CommandLine;

namespace Braid.Cli.Commands;

/// <summary>The root <c>braid</c> command: every part adds its commands here.</summary>
public static class BraidCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Braid: concurrency for .NET, from the ground up. Start with 'braid tour'.");
        root.Subcommands.Add(TourCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(GilCommand.Create());
        root.Subcommands.Add(ChildCommand.Create());
        root.Subcommands.Add(MapReduceCommand.Create());
        root.Subcommands.Add(WorkerCommand.Create());
        root.Subcommands.Add(SemaphoresCommand.Create());
        root.Subcommands.Add(ClusterCommand.Create());
        root.Subcommands.Add(EchoCommand.Create());
        root.Subcommands.Add(CrawlCommand.Create());
        root.Subcommands.Add(DemoSiteCommand.Create());
        root.Subcommands.Add(HacksCommand.Create());
        root.Subcommands.Add(HelpCommand.Create(root));
        return root;
    }
}
