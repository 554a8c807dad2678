using System.Globalization;

namespace Braid.MapReduce.Generators;

/// <summary>Sizes written the way people write them: <c>200MB</c>, <c>1GB</c>, <c>512k</c>, <c>1.5GiB</c>, <c>1000</c> (binary multiples).</summary>
public static class ByteSize
{
    /// <summary>Parses a size; false (with no exception) for anything else.</summary>
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        var s = text.Trim().ToUpperInvariant();
        long multiplier = 1;
        foreach (var (suffix, value) in Suffixes)
        {
            if (!s.EndsWith(suffix, StringComparison.Ordinal)) continue;
            multiplier = value;
            s = s[..^suffix.Length].TrimEnd();
            break;
        }
        if (!double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || number < 0) return false;
        var total = number * multiplier;
        if (total > long.MaxValue / 2) return false;
        bytes = (long)total;
        return true;
    }

    /// <summary>Formats a byte count with a binary suffix (<c>200MB</c>).</summary>
    public static string Format(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 30) == 0 => $"{bytes >> 30}GB",
        >= 1L << 20 when bytes % (1L << 20) == 0 => $"{bytes >> 20}MB",
        >= 1L << 10 when bytes % (1L << 10) == 0 => $"{bytes >> 10}KB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.#", CultureInfo.InvariantCulture) + "MB",
        _ => $"{bytes}B",
    };

    private static readonly (string Suffix, long Value)[] Suffixes =
    [
        ("GIB", 1L << 30), ("MIB", 1L << 20), ("KIB", 1L << 10),
        ("GB", 1L << 30), ("MB", 1L << 20), ("KB", 1L << 10),
        ("G", 1L << 30), ("M", 1L << 20), ("K", 1L << 10), ("B", 1),
    ];
}
