using System.Text;

namespace Braid.MapReduce.Tests;

/// <summary>Plain, obviously correct word counts to hold the engine to.</summary>
public static class ReferenceWordCount
{
    /// <summary>The definition: maximal runs of Unicode letters or digits, lowercased (invariant), of the decoded text.</summary>
    public static Dictionary<string, long> Unicode(byte[] bytes)
    {
        var text = new UTF8Encoding(false, false).GetString(bytes);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var word = new StringBuilder();
        void Flush()
        {
            if (word.Length == 0) return;
            var key = word.ToString();
            counts[key] = counts.GetValueOrDefault(key) + 1;
            word.Clear();
        }
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune)) word.Append(Rune.ToLowerInvariant(rune).ToString());
            else Flush();
        }
        Flush();
        return counts;
    }

    /// <summary>What <c>LC_ALL=C tr -cs 'A-Za-z0-9' '\n' | tr A-Z a-z | sort | uniq -c</c> counts, for ASCII input.</summary>
    public static Dictionary<string, long> SortPipeline(byte[] ascii)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var start = -1;
        for (var i = 0; i <= ascii.Length; i++)
        {
            var inWord = i < ascii.Length && char.IsAsciiLetterOrDigit((char)ascii[i]);
            if (inWord && start < 0) start = i;
            if (!inWord && start >= 0)
            {
                var key = Encoding.ASCII.GetString(ascii, start, i - start).ToLowerInvariant();
                counts[key] = counts.GetValueOrDefault(key) + 1;
                start = -1;
            }
        }
        return counts;
    }

    /// <summary>Reads <c>uniq -c</c> output (the empty line tr makes of leading separators is no word).</summary>
    public static Dictionary<string, long> ParseUniqC(string text)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Trim().Split(' ', 2);
            if (parts.Length == 2 && parts[1].Length > 0) counts[parts[1]] = long.Parse(parts[0]);
        }
        return counts;
    }
}
