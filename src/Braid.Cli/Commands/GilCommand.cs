using System.CommandLine;
using Braid.Gil;
using Braid.Gil.Native;
using Braid.Cli.Progress;
using Braid.Reporting;
using Spectre.Console;

namespace Braid.Cli.Commands;

/// <summary><c>braid gil run</c> (the GIL lab) and <c>braid gil native</c> (the C kernel against C#, with and without the baton).</summary>
public static class GilCommand
{
    /// <summary>The most threads the lab runs on: it measures every count from 1 up, so more would run for many minutes.</summary>
    public const int MaxThreads = 64;

    public static Command Create()
    {
        var gil = new Command("gil", "The GIL lab: a baton of our own, and native parallelism in C.");
        gil.Subcommands.Add(Run());
        gil.Subcommands.Add(Native());
        return gil;
    }

    private static Command Run()
    {
        var threads = CommonOptions.Count("--threads", 4, 1, MaxThreads, "Run the same work on 1..N threads.");
        var work = new Option<string>("--work") { Description = "cpu, io, or both.", DefaultValueFactory = _ => "both", HelpName = "cpu|io|both" };
        work.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is not ("cpu" or "io" or "both")) r.AddError("--work must be cpu, io or both.");
        });
        var quick = CommonOptions.Quick();
        var plots = CommonOptions.OutputFolder("--plots", "Write the speed-up chart into this folder.");
        var command = new Command("run", "CPU- or I/O-bound work on 1..N threads, with the baton and without; and the convoy effect.") { threads, work, quick, plots };
        command.SetAction(parse =>
        {
            var size = parse.GetValue(quick) ? LabSize.Quick : LabSize.Full;
            var n = parse.GetValue(threads);
            var kinds = parse.GetValue(work) switch { "cpu" => [LabWork.Cpu], "io" => [LabWork.Io], _ => new[] { LabWork.Cpu, LabWork.Io } };
            var console = Cli.Out;
            var cases = kinds.Length * 2 + (kinds.Contains(LabWork.Cpu) ? 1 : 0);
            var (points, convoy) = ProgressDisplay.Run<(List<LabPoint>, ConvoyResult?)>("gil run", progress =>
            {
                var points = new List<LabPoint>();
                foreach (var kind in kinds)
                {
                    foreach (var withBaton in new[] { true, false })
                    {
                        progress.Report(LabTables.Step(kind, withBaton, n), ProgressReporter.Fraction(points.Count / n, cases));
                        points.AddRange(GilLab.Run(kind, withBaton, n, size));
                    }
                }
                if (!kinds.Contains(LabWork.Cpu)) return (points, null);
                progress.Report("the convoy effect: an I/O-bound thread beside a CPU-bound one", ProgressReporter.Fraction(cases - 1, cases));
                return (points, GilLab.Convoy(size));
            });
            var table = LabTables.SpeedUps(points);
            console.Write(OverheadsBenchCommand.ToTable($"same work on 1..{n} threads ({Environment.ProcessorCount} cores): time, speed-up", table.Headers, table.Rows));
            foreach (var p in points.Where(p => p.WithBaton && p.Threads == n))
            {
                console.WriteLine($"{LabTables.Case(p)}, {n} threads: the switch interval forced {p.ForcedSwitches} hand-overs");
            }
            if (convoy is not null)
            {
                var c = LabTables.Convoy(convoy);
                console.Write(OverheadsBenchCommand.ToTable($"convoy effect: {convoy.Slowdown:0}x slower beside a CPU-bound thread", c.Headers, c.Rows));
            }
            if (parse.GetValue(plots) is { } dir)
            {
                console.WriteLine($"plot: {LabTables.PlotSpeedUps(Path.Combine(dir.FullName, "gil-speedup.png"), points)}");
            }
            return 0;
        });
        return command;
    }

    private static Command Native()
    {
        var threads = CommonOptions.Count("--threads", Math.Max(2, Environment.ProcessorCount), 1, MaxThreads, "Run each variant on 1..N threads.");
        var quick = CommonOptions.Quick();
        var plots = CommonOptions.OutputFolder("--plots", "Write the chart into this folder.");
        var command = new Command("native", "A Mandelbrot tile in C (on .NET threads, on its own pthreads, under the baton) and in C#.") { threads, quick, plots };
        command.SetAction(parse =>
        {
            var console = Cli.Out;
            if (!NativeKernel.IsAvailable) console.MarkupLine($"[yellow]{Markup.Escape(NativeKernel.MissingMessage)}; only the C# variants run[/]");
            var tile = parse.GetValue(quick) ? MandelbrotTile.WholeSet(480, 360, 400) : MandelbrotTile.WholeSet(800, 600, 1000);
            var points = NativeComparison.Run(tile, parse.GetValue(threads));
            var table = LabTables.Kernels(points);
            console.Write(OverheadsBenchCommand.ToTable($"Mandelbrot {tile.Width}x{tile.Height}, at most {tile.MaxIter} iterations", table.Headers, table.Rows));
            var agree = points.Select(p => p.Sum).Distinct().Count() == 1;
            console.WriteLine(agree ? "every variant computed the same counts" : "the variants DISAGREE");
            if (parse.GetValue(plots) is { } dir)
            {
                console.WriteLine($"plot: {LabTables.PlotKernels(Path.Combine(dir.FullName, "native-kernels.png"), points)}");
            }
            return agree ? 0 : Cli.Failure;
        });
        return command;
    }
}
