using Braid.Gil.Native;
using Braid.Reporting;

namespace Braid.Gil;

/// <summary>A table as headers and rows of text: printed by the CLI, written by the tour.</summary>
/// <param name="Headers">Column headings.</param>
/// <param name="Rows">Rows, each with one cell per heading.</param>
public sealed record TextTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>Turns the lab's and the native comparison's results into tables and plots.</summary>
public static class LabTables
{
    /// <summary>One row per thread count, one column per case: time and speed-up.</summary>
    public static TextTable SpeedUps(IReadOnlyList<LabPoint> points)
    {
        var cases = points.Select(Case).Distinct().ToList();
        var rows = points.Select(p => p.Threads).Distinct().Order().Select(threads => (IReadOnlyList<string>)
            new[] { threads.ToString() }.Concat(cases.Select(c =>
                points.FirstOrDefault(p => p.Threads == threads && Case(p) == c) is { } p
                    ? $"{p.Elapsed.TotalMilliseconds:0} ms, {p.SpeedUp:0.00}x"
                    : "")).ToList()).ToList();
        return new(new[] { "threads" }.Concat(cases).ToList(), rows);
    }

    /// <summary>What the lab measures while it runs one case, for progress: "CPU-bound, with the baton, 1..4 threads".</summary>
    public static string Step(LabWork work, bool withBaton, int threads) =>
        $"{(work == LabWork.Cpu ? "CPU" : "I/O")}-bound, {(withBaton ? "with" : "without")} the baton, 1..{threads} threads";

    /// <summary>The name of a lab case, for example "CPU, with baton".</summary>
    public static string Case(LabPoint p) => $"{(p.Work == LabWork.Cpu ? "CPU" : "I/O")}, {(p.WithBaton ? "with baton" : "no baton")}";

    /// <summary>Plots speed-up against threads, one line per case.</summary>
    public static string PlotSpeedUps(string pngPath, IReadOnlyList<LabPoint> points)
    {
        var threads = points.Select(p => (double)p.Threads).Distinct().Order().ToList();
        var cores = Environment.ProcessorCount;
        var ideal = new Series($"CPU ideal on {cores} cores", threads, threads.Select(t => Math.Min(t, cores)).ToList());
        return Charts.Lines(pngPath, "GIL lab: speed-up of the same work on more threads", "threads", "speed-up (x)",
            points.GroupBy(Case).Select(g => new Series(g.Key, g.Select(p => (double)p.Threads).ToList(), g.Select(p => p.SpeedUp).ToList()))
                .Append(ideal),
            integerX: true, fromZero: true);
    }

    /// <summary>The convoy effect as a table.</summary>
    public static TextTable Convoy(ConvoyResult c) => new(
        ["I/O thread (pipe round trips to an echo thread)", "calls/s"],
        [
            ["alone, with baton", Numbers.Format(c.AloneOpsPerSecond)],
            ["beside a CPU-bound thread, with baton", Numbers.Format(c.BesideCpuOpsPerSecond)],
            ["beside a CPU-bound thread, no baton", Numbers.Format(c.WithoutBatonOpsPerSecond)],
        ]);

    /// <summary>One row per kernel variant at its largest thread count.</summary>
    public static TextTable Kernels(IReadOnlyList<KernelPoint> points)
    {
        var rows = points.GroupBy(p => p.Variant).Select(g =>
        {
            var one = g.First(p => p.Threads == 1);
            var most = g.MaxBy(p => p.Threads)!;
            return (IReadOnlyList<string>)[g.Key, $"{one.Elapsed.TotalMilliseconds:0.0} ms", $"{most.Elapsed.TotalMilliseconds:0.0} ms",
                $"{most.SpeedUp:0.00}x", double.IsNaN(most.VersusC) ? "n/a" : $"{most.VersusC:0.00}x", most.Sum.ToString()];
        }).ToList();
        var n = points.Count == 0 ? 1 : points.Max(p => p.Threads);
        return new(["variant", "1 thread", $"{n} threads", $"speed-up on {n}", $"vs C on 1 thread", "sum of counts"], rows);
    }

    /// <summary>Plots each variant's time against C on one thread, at the largest thread count.</summary>
    public static string PlotKernels(string pngPath, IReadOnlyList<KernelPoint> points)
    {
        var n = points.Max(p => p.Threads);
        var at = points.Where(p => p.Threads == n).ToList();
        var useC = at.All(p => !double.IsNaN(p.VersusC));
        return Charts.Bars(pngPath, $"Mandelbrot tile on {n} threads: speed-up " + (useC ? "against C on 1 thread" : "against own 1-thread time"),
            "speed-up (x)", at.Select(p => p.Variant).ToList(), at.Select(p => useC ? p.VersusC : p.SpeedUp).ToList());
    }
}
