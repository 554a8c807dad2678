using System.CommandLine;
using Braid.Reporting.Tour;
using Braid.Cli.Progress;
using Braid.Tour;
using Spectre.Console;

namespace Braid.Cli.Commands;

/// <summary><c>braid tour</c>: every part, briefly, on built-in data, into one report.</summary>
public static class TourCommand
{
    public static Command Create()
    {
        var outDir = CommonOptions.OutputFolder("--out", "Folder for report.md, report.html and the plots.", new DirectoryInfo("braid-report"));
        var quick = CommonOptions.Quick("Short form of every part (under 2 minutes).");
        var only = new Option<string[]>("--only")
        {
            Description = "Run only these parts (by id, comma or space separated).",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "PART",
        };
        var command = new Command("tour", "Run every part of Braid briefly on built-in data and write a report with plots.")
        {
            outDir, quick, only,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var parts = TourSections.All(SelfLaunch.Worker(), SelfLaunch.Child());
            var wanted = (parse.GetValue(only) ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList();
            var unknown = wanted.Where(w => parts.All(p => p.Id != w)).ToList();
            if (unknown.Count > 0)
            {
                throw new UsageException($"unknown part '{unknown[0]}'; the parts are: {string.Join(", ", parts.Select(p => p.Id))}");
            }
            if (wanted.Count > 0) parts = parts.Where(p => wanted.Contains(p.Id)).ToList();

            var folder = parse.GetValue(outDir)!.FullName;
            if (Braid.Reporting.Files.AtomicFile.CheckFolder(folder) is { } why) throw new UsageException($"--out: {why}");
            var context = new TourContext(folder, parse.GetValue(quick));
            var console = Cli.Out;
            var outcomes = await ProgressDisplay.RunAsync("tour", progress => TourRunner.RunAsync(parts, context with { Progress = progress }, cancellationToken));
            TourSummary.Print(outcomes, console);
            console.WriteLine($"Report: {Path.Combine(context.OutputDirectory, "report.md")} (and report.html)");
            return outcomes.Any(o => o.Error is not null) ? Cli.Failure : 0;
        });
        return command;
    }
}
