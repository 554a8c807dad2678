using System.Globalization;

namespace Braid.MapReduce.Jobs;

/// <summary>The analytics of a finished logs job, read from its reduced keys.</summary>
public sealed class LogReport
{
    private LogReport(IReadOnlyDictionary<string, long> values, int top)
    {
        long Get(string key) => values.TryGetValue(key, out var v) ? v : 0;
        Requests = Get(LogsJob.Requests);
        BytesServed = Get(LogsJob.BytesServed);
        Malformed = Get(LogsJob.Malformed);
        ByStatus = Prefixed(values, LogsJob.StatusPrefix).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        ByHour = Prefixed(values, LogsJob.HourPrefix).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        TopPaths = WordCountReport.Sorted(Prefixed(values, LogsJob.PathPrefix).ToDictionary(), top);
        TopIps = WordCountReport.Sorted(Prefixed(values, LogsJob.IpPrefix).ToDictionary(), top);
        FirstMalformedLines = Prefixed(values, LogsJob.MalformedLinePrefix)
            .Select(p => long.Parse(p.Key, CultureInfo.InvariantCulture)).Order().Take(LogsJob.MalformedSamples).ToList();
    }

    /// <summary>Well-formed requests.</summary>
    public long Requests { get; }

    /// <summary>Bytes served, summed over well-formed requests.</summary>
    public long BytesServed { get; }

    /// <summary>Malformed lines (counted, never dropped silently).</summary>
    public long Malformed { get; }

    /// <summary>Requests per status, by status.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> ByStatus { get; }

    /// <summary>Requests per hour of day (00-23), by hour.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> ByHour { get; }

    /// <summary>The most requested paths, most first.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> TopPaths { get; }

    /// <summary>The busiest clients, most first.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> TopIps { get; }

    /// <summary>Line numbers of the first malformed lines (of the first file they occur in, by line number).</summary>
    public IReadOnlyList<long> FirstMalformedLines { get; }

    /// <summary>Reads the report from a logs job's values, keeping the <paramref name="top"/> paths and clients.</summary>
    public static LogReport From(IReadOnlyDictionary<string, long> values, int top) => new(values, top);

    /// <summary>Writes the report as tab-separated sections.</summary>
    public void Write(TextWriter writer)
    {
        writer.Write($"requests\t{Requests}\n");
        writer.Write($"bytes\t{BytesServed}\n");
        var lines = FirstMalformedLines.Count == 0 ? "" : $"\t(first at lines {string.Join(", ", FirstMalformedLines)})";
        writer.Write($"malformed\t{Malformed}{lines}\n");
        Section(writer, "status", ByStatus);
        Section(writer, "hour", ByHour);
        Section(writer, "top paths", TopPaths);
        Section(writer, "top clients", TopIps);
    }

    private static void Section(TextWriter writer, string title, IEnumerable<KeyValuePair<string, long>> rows)
    {
        writer.Write($"\n# {title}\n");
        foreach (var (key, count) in rows) writer.Write($"{key}\t{count}\n");
    }

    private static IEnumerable<KeyValuePair<string, long>> Prefixed(IReadOnlyDictionary<string, long> values, string prefix) =>
        values.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal))
              .Select(p => new KeyValuePair<string, long>(p.Key[prefix.Length..], p.Value));
}
