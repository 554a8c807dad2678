using Braid.Gil.Native;
using Braid.Reporting;
using Braid.Reporting.Tour;

namespace Braid.Gil.Tour;

/// <summary>The tour's native-parallelism section: the Mandelbrot kernel in C and C#, on threads, with and without the baton.</summary>
public sealed class NativeTourSection : ITourSection
{
    /// <inheritdoc />
    public string Id => "native";

    /// <inheritdoc />
    public string Title => "Native parallelism in C";

    /// <inheritdoc />
    public Task<Section> RunAsync(TourContext context, CancellationToken cancellationToken) => Task.Run(() =>
    {
        var tile = context.Quick ? MandelbrotTile.WholeSet(480, 360, 400) : MandelbrotTile.WholeSet(800, 600, 1000);
        var threads = Math.Max(2, Environment.ProcessorCount);
        context.Progress.Report($"a {tile.Width}x{tile.Height} Mandelbrot tile in C and C#, on 1..{threads} threads");
        var points = NativeComparison.Run(tile, threads);
        var table = LabTables.Kernels(points);
        var section = new Section(Title)
            .Text($"A {tile.Width}x{tile.Height} Mandelbrot tile (at most {tile.MaxIter} iterations a pixel) computed by a C kernel " +
                  "built from src/Braid.Gil/native/braid_kernels.c and called through [LibraryImport], by the same kernel in C#, " +
                  "and by C under the GIL baton, holding it across each call or releasing it as a C extension does with Py_BEGIN_ALLOW_THREADS.");
        if (!NativeKernel.IsAvailable) section.Text(NativeKernel.MissingMessage + "; only the C# variants ran.");
        section.Table(table.Headers, table.Rows)
            .Figure(LabTables.PlotKernels(context.PlotPath(Id, "kernels"), points), "Speed-up of each variant on all threads: the baton held across native code serialises it; released, C runs in parallel.");
        var agree = points.Select(p => p.Sum).Distinct().Count() == 1;
        section.Text(agree ? "Every variant computed the same iteration counts (same sum)." : "The variants disagree: the sums of counts differ.");
        double Speed(string v) => points.LastOrDefault(p => p.Variant == v)?.SpeedUp ?? double.NaN;
        if (NativeKernel.IsAvailable)
        {
            section.Headline($"C under baton, held, {threads} threads", $"{Speed("C under baton, held"):0.00}x")
                .Headline($"C under baton, released, {threads} threads", $"{Speed("C under baton, released"):0.00}x");
        }
        else
        {
            section.Headline("native kernel", "not built");
        }
        return section.Headline("variants agree", agree ? "yes" : "NO");
    }, cancellationToken);
}
