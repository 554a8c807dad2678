namespace Braid.Reporting;

/// <summary>How figures are written in tables, reports and chart labels.</summary>
public static class Numbers
{
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
