using ScottPlot;

namespace Braid.Reporting;

/// <summary>One line of a line chart: a name and its points.</summary>
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y);

/// <summary>Writes the report's charts as PNG files.</summary>
public static class Charts
{
    private const int Width = 800;
    private const int Height = 480;
    private static readonly Color BarColor = new ScottPlot.Palettes.Category10().GetColor(0);

    /// <summary>
    /// Writes a line chart of one or more series; <paramref name="logY"/> (and <paramref name="logX"/>) for figures
    /// that span orders of magnitude.
    /// </summary>
    /// <remarks><paramref name="integerX"/> labels only whole numbers along the bottom (threads, cores); <paramref name="fromZero"/> starts the vertical axis at 0.</remarks>
    public static string Lines(string pngPath, string title, string xLabel, string yLabel, IEnumerable<Series> series,
        bool logY = false, bool logX = false, bool integerX = false, bool fromZero = false)
    {
        var plot = new Plot();
        var count = 0;
        foreach (var s in series)
        {
            count++;
            var xs = s.X.Select(x => logX ? Math.Log10(Math.Max(x, double.Epsilon)) : x).ToArray();
            var ys = s.Y.Select(y => logY ? Math.Log10(Math.Max(y, double.Epsilon)) : y).ToArray();
            var scatter = plot.Add.Scatter(xs, ys);
            scatter.LegendText = s.Name;
        }
        if (logY) UseLogTicks(plot.Axes.Left);
        if (logX) UseLogTicks(plot.Axes.Bottom);
        else if (integerX) plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        if (fromZero && !logY)
        {
            plot.Axes.AutoScale();
            plot.Axes.SetLimitsY(0, plot.Axes.GetLimits().Top * 1.05);
        }
        // A few lines leave room for the legend in a corner; many would hide their own points under it.
        if (count > 4) plot.ShowLegend(Edge.Right);
        else plot.ShowLegend(Alignment.UpperLeft);
        return Save(plot, pngPath, title, xLabel, yLabel);
    }

    /// <summary>
    /// Writes a bar chart, one labelled bar per value. Many or long labels turn the chart on its side (labels down
    /// the left, values along the bottom) so that every label can be read. With <paramref name="logY"/> the bars
    /// rise from the power of ten below the smallest value, so values below 1 still read as bars of their size.
    /// </summary>
    public static string Bars(string pngPath, string title, string yLabel, IReadOnlyList<string> labels, IReadOnlyList<double> values, bool logY = false)
    {
        var plot = new Plot();
        double Scale(double v) => logY ? Math.Log10(Math.Max(v, double.Epsilon)) : v;
        var floor = logY ? Math.Floor(values.Where(v => v > 0).Select(Math.Log10).DefaultIfEmpty(0).Min()) : 0;
        var horizontal = labels.Count > 4 || labels.Any(l => l.Length > 14);
        // Sideways, the first bar goes on top, as a table reads.
        var positions = Enumerable.Range(0, labels.Count).Select(i => (double)(horizontal ? labels.Count - 1 - i : i)).ToArray();
        var bars = plot.Add.Bars(values.Select((v, i) => new Bar
        {
            Position = positions[i],
            Value = Scale(v),
            ValueBase = floor,
            Label = Numbers.Format(v),
            FillColor = BarColor,
        }).ToArray());
        bars.Horizontal = horizontal;
        bars.ValueLabelStyle.FontSize = 11;
        var categoryAxis = horizontal ? (IAxis)plot.Axes.Left : plot.Axes.Bottom;
        var valueAxis = horizontal ? (IAxis)plot.Axes.Bottom : plot.Axes.Left;
        categoryAxis.SetTicks(positions, labels.ToArray());
        if (horizontal) plot.Axes.Margins(left: 0, right: 0.12);
        else plot.Axes.Margins(bottom: 0);
        if (logY) UseLogTicks(valueAxis);
        return horizontal ? Save(plot, pngPath, title, yLabel, "") : Save(plot, pngPath, title, "", yLabel);
    }

    private static void UseLogTicks(ScottPlot.IAxis axis)
    {
        // ScottPlot plots log scales as log10 of the data with ticks labelled by the original values.
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Numbers.Format(Math.Pow(10, y)),
        };
    }

    private static string Save(Plot plot, string pngPath, string title, string xLabel, string yLabel)
    {
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        var png = plot.GetImageBytes(Width, Height, ImageFormat.Png);
        Braid.Reporting.Files.AtomicFile.Write(pngPath, stream => stream.Write(png));
        return pngPath;
    }
}
