using ScottPlot;

namespace Braid.Reporting;

/// <summary>One event in a lane chart: the lane (a strand), its step in time, and a short label.</summary>
public sealed record LaneEvent(string Lane, int Step, string Label);

/// <summary>
/// A picture of an interleaving: one lane per strand, top to bottom in order of first appearance, and each event a
/// labelled point at its step, so who did what when reads left to right.
/// </summary>
public static class LaneChart
{
    /// <summary>Writes the chart as a PNG and returns its path; <paramref name="mark"/> draws a red line at that step (where a rule broke).</summary>
    public static string Save(string pngPath, string title, IReadOnlyList<LaneEvent> events, int? mark = null)
    {
        var plot = new Plot();
        if (mark is { } step)
        {
            var line = plot.Add.VerticalLine(step);
            line.Color = Colors.Red;
            line.LineWidth = 2;
            line.LinePattern = LinePattern.Dashed;
        }
        var lanes = events.Select(e => e.Lane).Distinct().ToList();
        var palette = new ScottPlot.Palettes.Category10();
        for (var i = 0; i < lanes.Count; i++)
        {
            double y = lanes.Count - 1 - i;
            var color = palette.GetColor(i);
            var rule = plot.Add.HorizontalLine(y);
            rule.Color = Colors.LightGray;
            rule.LinePattern = LinePattern.Dotted;
            var mine = events.Where(e => e.Lane == lanes[i]).ToList();
            var points = plot.Add.ScatterPoints(mine.Select(e => (double)e.Step).ToArray(), mine.Select(_ => y).ToArray());
            points.Color = color;
            points.MarkerSize = 8;
            foreach (var e in mine)
            {
                var text = plot.Add.Text(e.Label, e.Step, y + 0.12);
                text.LabelFontSize = 10;
                text.LabelRotation = -35;
                text.LabelFontColor = color;
            }
        }
        plot.Axes.Left.SetTicks(Enumerable.Range(0, lanes.Count).Select(i => (double)(lanes.Count - 1 - i)).ToArray(), lanes.ToArray());
        var steps = events.Count == 0 ? 0 : events.Max(e => e.Step);
        plot.Axes.SetLimitsX(-0.5, steps + 3);
        plot.Axes.SetLimitsY(-0.6, lanes.Count - 0.2);
        plot.Title(title);
        plot.XLabel("step");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(pngPath))!);
        plot.SavePng(pngPath, Math.Clamp(200 + 28 * steps, 800, 2400), Math.Clamp(140 + 70 * lanes.Count, 360, 1200));
        return pngPath;
    }
}
