using System.CommandLine;
using Braid.Cli.Progress;
using Braid.Overheads.Suite;
using Braid.Reporting.Bench;
using Spectre.Console;

namespace Braid.Cli.Commands;

/// <summary><c>braid bench overheads</c>: what a process, a thread, a work item and a task cost, and how fast bytes move between them.</summary>
public static class OverheadsBenchCommand
{
    public static Command Create()
    {
        var quick = CommonOptions.Quick();
        var json = CommonOptions.Json();
        var plots = CommonOptions.OutputFolder("--plots", "Write the PNG charts into this folder.");
        var noPeers = new Option<bool>("--no-peers") { Description = "Do not run the Python and Go peers." };
        var install = new Option<bool>("--install-peers") { Description = "Install missing peers first (bench/install-peers.sh, apt-get)." };
        var command = new Command("overheads",
            "Create+join, memory per unit and switch latency of processes, threads, pool items and tasks; pipe, socket, TCP and shared-memory throughput; Python and Go peers.")
        {
            quick, json, plots, noPeers, install,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var console = Cli.Out;
            if (parse.GetValue(install) && !Peers.Install(out var error))
            {
                console.MarkupLine($"[yellow]peers not installed: {Markup.Escape(error)}[/]");
            }
            var options = new OverheadsOptions(parse.GetValue(quick), SelfLaunch.Child(), !parse.GetValue(noPeers));
            var (results, data) = ProgressDisplay.Run("bench overheads", progress => OverheadsSuite.Run(options, progress));

            var (headers, rows) = OverheadsPlots.UnitTable(data);
            console.Write(ToTable("units of concurrency", headers, rows));
            var (theaders, trows) = OverheadsPlots.TransportTable(data);
            console.Write(ToTable("transports", theaders, trows));
            results.Print(console);

            if (parse.GetValue(json) is { } file)
            {
                results.WriteJson(file.FullName);
                console.WriteLine($"JSON: {file.FullName}");
            }
            if (parse.GetValue(plots) is { } dir)
            {
                foreach (var (path, _) in OverheadsPlots.Write(data, name => Path.Combine(dir.FullName, $"overheads-{name}.png")))
                {
                    console.WriteLine($"plot: {path}");
                }
            }
            return Task.FromResult(data.Transports.All(t => t.Intact) ? 0 : Cli.Failure);
        });
        return command;
    }

    internal static Table ToTable(string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var table = new Table().Title(Markup.Escape(title));
        foreach (var h in headers) table.AddColumn(Markup.Escape(h));
        foreach (var row in rows) table.AddRow(row.Select(Markup.Escape).ToArray());
        return table;
    }
}
