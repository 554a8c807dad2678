using System.Globalization;

namespace Braid.Problems.Bench;

/// <summary>Reads the Coyote anchor's results (a line per program and strategy, as its Driver prints them).</summary>
internal static class CoyoteResults
{
    /// <summary>(program, strategy) → mean schedules to the bug, schedules per second of the correct form.</summary>
    public static Dictionary<(string, string), (double ToFind, double PerSecond)> Load(string? path, List<string> notes)
    {
        var figures = new Dictionary<(string, string), (double, double)>();
        path ??= Newest();
        if (path is null || !File.Exists(path))
        {
            notes.Add("Coyote figures not found: run ../shared/anchors/coyote/run.sh (it writes results/coyote-*.txt under $ANCHOR_WORK or /tmp/braid-anchor-coyote), or pass --coyote FILE");
            return figures;
        }
        notes.Add($"Coyote figures from {path}");
        foreach (var line in File.ReadLines(path))
        {
            // dining-philosophers random 46.1 35 1 172 30/30 "..." | 10000 13.34 750 31.0 0
            var bar = line.IndexOf(" | ", StringComparison.Ordinal);
            if (bar < 0 || line.StartsWith('#')) continue;
            var left = line[..bar].Split(' ');
            var right = line[(bar + 3)..].Split(' ');
            if (left.Length < 3 || right.Length < 3) continue;
            if (double.TryParse(left[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var toFind)
                && double.TryParse(right[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var perSecond))
            {
                figures[(left[0], left[1])] = (toFind, perSecond);
            }
        }
        return figures;
    }

    private static string? Newest()
    {
        var work = Environment.GetEnvironmentVariable("ANCHOR_WORK") ?? Path.Combine(Path.GetTempPath(), "braid-anchor-coyote");
        var dir = Path.Combine(work, "results");
        return Directory.Exists(dir) ? Directory.GetFiles(dir, "coyote-*.txt").OrderBy(f => f, StringComparer.Ordinal).LastOrDefault() : null;
    }
}
