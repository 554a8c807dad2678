using Braid.Reporting;
using Braid.Reporting.Tour;

namespace Braid.Gil.Tour;

/// <summary>The tour's GIL section: the lab's four cases, its speed-up plot and the convoy effect.</summary>
public sealed class GilTourSection : ITourSection
{
    /// <inheritdoc />
    public string Id => "gil";

    /// <inheritdoc />
    public string Title => "The GIL lab: a baton of our own";

    /// <inheritdoc />
    public Task<Section> RunAsync(TourContext context, CancellationToken cancellationToken) => Task.Run(() =>
    {
        var size = context.Quick ? LabSize.Quick : LabSize.Full;
        var maxThreads = 4;
        var points = new List<LabPoint>();
        foreach (var work in new[] { LabWork.Cpu, LabWork.Io })
        {
            foreach (var withBaton in new[] { true, false })
            {
                cancellationToken.ThrowIfCancellationRequested();
                context.Progress.Report(LabTables.Step(work, withBaton, maxThreads), ProgressReporter.Fraction(points.Count, 5 * maxThreads));
                points.AddRange(GilLab.Run(work, withBaton, maxThreads, size));
            }
        }
        context.Progress.Report("the convoy effect: an I/O-bound thread beside a CPU-bound one", 0.8);
        var convoy = GilLab.Convoy(size);
        var table = LabTables.SpeedUps(points);
        var convoyTable = LabTables.Convoy(convoy);
        var plot = LabTables.PlotSpeedUps(context.PlotPath(Id, "speedup"), points);

        double At(LabWork w, bool b) => points.Last(p => p.Work == w && p.WithBaton == b).SpeedUp;
        return new Section(Title)
            .Text("A thread must hold the baton to run \"interpreted\" work; a waiter asks the holder to let go after the " +
                  "switch interval (5 ms, as CPython's sys.getswitchinterval()), and blocking calls run without it. " +
                  $"The same total work runs on 1..{maxThreads} threads ({Environment.ProcessorCount} cores).")
            .Table(table.Headers, table.Rows)
            .Figure(plot, "Speed-up against threads: CPU-bound work under the baton stays near 1x, without it it scales with the cores; I/O-bound work overlaps either way.")
            .Text($"The convoy effect: an I/O-bound thread beside a CPU-bound thread under the baton waits up to a switch interval to get " +
                  $"the baton back after every blocking call, and runs {convoy.Slowdown:0}x slower than alone.")
            .Table(convoyTable.Headers, convoyTable.Rows)
            .Headline($"CPU, {maxThreads} threads, with baton", $"{At(LabWork.Cpu, true):0.00}x")
            .Headline($"CPU, {maxThreads} threads, no baton", $"{At(LabWork.Cpu, false):0.00}x")
            .Headline($"I/O, {maxThreads} threads, with baton", $"{At(LabWork.Io, true):0.00}x")
            .Headline("convoy slowdown", $"{convoy.Slowdown:0}x");
    }, cancellationToken);
}
