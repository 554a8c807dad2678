using ScottPlot;

namespace Braid.Reporting;

/// <summary>One line of a line chart: a name and its points.</summary>
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y);

/// <summary>Writes the report's charts as PNG files.</summary>
public static class Charts
{
    private const int Width = 800;
    private const int Height = 480;

    /// <summary>
    /// Writes a line chart of one or more series; <paramref name="logY"/> (and <paramref name="logX"/>) for figures
    /// that span orders of magnitude.
    /// </summary>
    public static string Lines(string pngPath, string title, string xLabel, string yLabel, IEnumerable<Series> series, bool logY = false, bool logX = false)
    {
        var plot = new Plot();
        foreach (var s in series)
        {
            var xs = s.X.Select(x => logX ? Math.Log10(Math.Max(x, double.Epsilon)) : x).ToArray();
            var ys = s.Y.Select(y => logY ? Math.Log10(Math.Max(y, double.Epsilon)) : y).ToArray();
            var scatter = plot.Add.Scatter(xs, ys);
            scatter.LegendText = s.Name;
        }
        if (logY) UseLogTicks(plot.Axes.Left);
        if (logX) UseLogTicks(plot.Axes.Bottom);
        plot.ShowLegend(Alignment.UpperLeft);
        return Save(plot, pngPath, title, xLabel, yLabel);
    }

    /// <summary>Writes a bar chart, one labelled bar per value.</summary>
    public static string Bars(string pngPath, string title, string yLabel, IReadOnlyList<string> labels, IReadOnlyList<double> values, bool logY = false)
    {
        var plot = new Plot();
        var bars = plot.Add.Bars(values.Select(v => logY ? Math.Log10(Math.Max(v, double.Epsilon)) : v).ToArray());
        for (var i = 0; i < bars.Bars.Count; i++)
        {
            bars.Bars[i].Label = Format(values[i]);
        }
        bars.ValueLabelStyle.FontSize = 11;
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, labels.Count).Select(i => (double)i).ToArray(), labels.ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = labels.Count > 4 ? 30 : 0;
        plot.Axes.Bottom.TickLabelStyle.Alignment = labels.Count > 4 ? Alignment.MiddleLeft : Alignment.UpperCenter;
        plot.Axes.Margins(bottom: 0);
        if (logY) UseLogTicks(plot.Axes.Left);
        return Save(plot, pngPath, title, "", yLabel);
    }

    private static void UseLogTicks(ScottPlot.IAxis axis)
    {
        // ScottPlot plots log scales as log10 of the data with ticks labelled by the original values.
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Format(Math.Pow(10, y)),
        };
    }

    private static string Save(Plot plot, string pngPath, string title, string xLabel, string yLabel)
    {
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(pngPath))!);
        plot.SavePng(pngPath, Width, Height);
        return pngPath;
    }

    /// <summary>Formats a figure with three significant digits and an SI suffix where it helps (1.23k, 45.6M).</summary>
    public static string Format(double value)
    {
        var abs = Math.Abs(value);
        return abs switch
        {
            >= 1e9 => (value / 1e9).ToString("0.##") + "G",
            >= 1e6 => (value / 1e6).ToString("0.##") + "M",
            >= 1e4 => (value / 1e3).ToString("0.#") + "k",
            >= 100 => value.ToString("0"),
            >= 1 => value.ToString("0.##"),
            0 => "0",
            _ => value.ToString("0.###"),
        };
    }
}
