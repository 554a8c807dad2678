using System.Globalization;

namespace Braid.MapReduce.Jobs;

/// <summary>A malformed line of a logs job's input: the file (its position in the list of input files) and the line number.</summary>
/// <param name="FileIndex">The file's position in the job's list of input files, from 0.</param>
/// <param name="Line">The 1-based line number in that file.</param>
public readonly record struct MalformedLine(int FileIndex, long Line);

/// <summary>The analytics of a finished logs job, read from its reduced keys.</summary>
public sealed class LogReport
{
    private readonly IReadOnlyList<string> _files;

    private LogReport(IReadOnlyDictionary<string, long> values, int top, IReadOnlyList<string> files)
    {
        _files = files;
        long Get(string key) => values.TryGetValue(key, out var v) ? v : 0;
        Requests = Get(LogsJob.Requests);
        BytesServed = Get(LogsJob.BytesServed);
        Malformed = Get(LogsJob.Malformed);
        ByStatus = Prefixed(values, LogsJob.StatusPrefix).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        ByHour = Prefixed(values, LogsJob.HourPrefix).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        TopPaths = WordCountReport.Sorted(Prefixed(values, LogsJob.PathPrefix).ToDictionary(), top);
        TopIps = WordCountReport.Sorted(Prefixed(values, LogsJob.IpPrefix).ToDictionary(), top);
        FirstMalformedLines = Prefixed(values, LogsJob.MalformedLinePrefix)
            .Select(p => p.Key.Split('\t'))
            .Select(parts => new MalformedLine(int.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture)))
            .OrderBy(m => m.FileIndex).ThenBy(m => m.Line).Take(LogsJob.MalformedSamples).ToList();
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

    /// <summary>The first malformed lines of the input, in file order, then line order.</summary>
    public IReadOnlyList<MalformedLine> FirstMalformedLines { get; }

    /// <summary>
    /// Reads the report from a logs job's values, keeping the <paramref name="top"/> paths and clients; with the job's
    /// input <paramref name="files"/> given, malformed lines of several files are named with their file.
    /// </summary>
    public static LogReport From(IReadOnlyDictionary<string, long> values, int top, IReadOnlyList<string>? files = null) => new(values, top, files ?? []);

    /// <summary>Writes the report as tab-separated sections.</summary>
    public void Write(TextWriter writer)
    {
        writer.Write($"requests\t{Requests}\n");
        writer.Write($"bytes\t{BytesServed}\n");
        // With one input file, line numbers say it all; with several, each line is named with its file.
        var lines = FirstMalformedLines.Count == 0 ? ""
            : _files.Count > 1 ? $"\t(first at {string.Join(", ", FirstMalformedLines.Select(m => $"{FileName(m.FileIndex)} line {m.Line}"))})"
            : $"\t(first at lines {string.Join(", ", FirstMalformedLines.Select(m => m.Line))})";
        writer.Write($"malformed\t{Malformed}{lines}\n");
        Section(writer, "status", ByStatus);
        Section(writer, "hour", ByHour);
        Section(writer, "top paths", TopPaths);
        Section(writer, "top clients", TopIps);
    }

    private string FileName(int index) => index < _files.Count ? _files[index] : $"file {index + 1}";

    private static void Section(TextWriter writer, string title, IEnumerable<KeyValuePair<string, long>> rows)
    {
        writer.Write($"\n# {title}\n");
        foreach (var (key, count) in rows) writer.Write($"{key}\t{count}\n");
    }

    private static IEnumerable<KeyValuePair<string, long>> Prefixed(IReadOnlyDictionary<string, long> values, string prefix) =>
        values.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal))
              .Select(p => new KeyValuePair<string, long>(p.Key[prefix.Length..], p.Value));
}
