namespace Braid.MapReduce.Jobs;

/// <summary>The word counts of a finished job, in the order the command prints them.</summary>
public static class WordCountReport
{
    /// <summary>Words sorted by count descending, then by word in ordinal order; the first <paramref name="top"/> if given.</summary>
    // Run once per job over every word: compiled optimised at once, not first at tier 0.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static IReadOnlyList<KeyValuePair<string, long>> Sorted(IReadOnlyDictionary<string, long> counts, int? top = null)
    {
        var sorted = counts.ToList();
        sorted.Sort(Compare);
        if (top is { } k && k < sorted.Count) sorted.RemoveRange(k, sorted.Count - k);
        return sorted;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static int Compare(KeyValuePair<string, long> a, KeyValuePair<string, long> b) =>
        a.Value != b.Value ? b.Value.CompareTo(a.Value) : string.CompareOrdinal(a.Key, b.Key);

    /// <summary>Writes <c>word&lt;TAB&gt;count</c> lines.</summary>
    public static void Write(TextWriter writer, IEnumerable<KeyValuePair<string, long>> sorted)
    {
        foreach (var (word, count) in sorted)
        {
            writer.Write(word);
            writer.Write('\t');
            writer.Write(count);
            writer.Write('\n');
        }
    }
}
