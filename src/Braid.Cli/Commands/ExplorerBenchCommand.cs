using System.CommandLine;
using Braid.Cli.Progress;
using Braid.Reporting.Bench;
using Braid.Problems.Bench;
using Spectre.Console;

namespace Braid.Cli.Commands;

/// <summary><c>braid bench explorer</c>: Braid's schedule explorer against Microsoft Coyote on three bugs.</summary>
public static class ExplorerBenchCommand
{
    public static Command Create()
    {
        var quick = CommonOptions.Quick();
        var json = CommonOptions.Json();
        var coyote = new Option<FileInfo?>("--coyote") { Description = "The Coyote anchor's results file (default: the newest under $ANCHOR_WORK or /tmp/braid-anchor-coyote).", HelpName = "FILE" };
        var command = new Command("explorer", "Schedules per second and schedules to find three bugs, against Coyote 1.7.11.") { quick, json, coyote };
        command.SetAction(parse =>
        {
            var sizes = parse.GetValue(quick) ? ExplorerBench.Sizes.Quick : ExplorerBench.Sizes.Full;
            var results = ProgressDisplay.Run("bench explorer", progress => ExplorerBench.Run(sizes, parse.GetValue(coyote)?.FullName, progress.Report));
            results.Print(Cli.Out);
            if (parse.GetValue(json) is { } file) results.WriteJson(file.FullName);
            return 0;
        });
        return command;
    }
}
