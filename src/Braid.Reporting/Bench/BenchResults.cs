using System.Text.Json;

namespace Braid.Reporting.Bench;

/// <summary>One measured figure: which benchmark, which implementation, the value and its unit.</summary>
public sealed record Measurement(string Benchmark, string Subject, double Value, string Unit);

/// <summary>A ratio between two measurements of one run, with the target it is held to, if any.</summary>
public sealed record Ratio(string Name, double Value, double? Target, string Meaning)
{
    /// <summary>True when there is a target and the ratio reaches it.</summary>
    public bool? Met => Target is null ? null : Value >= Target;
}

/// <summary>
/// The figures of one benchmark run. Ratios are the point: the machine is shared and noisy, so a figure alone
/// says little, but two figures measured side by side in one run compare fairly.
/// </summary>
public sealed class BenchResults
{
    /// <summary>Creates an empty result set for the named benchmark suite.</summary>
    public BenchResults(string suite) => Suite = suite;

    /// <summary>The suite's name (for example <c>runtime</c>).</summary>
    public string Suite { get; }

    /// <summary>When the run started (UTC).</summary>
    public DateTime StartedUtc { get; } = DateTime.UtcNow;

    /// <summary>What the figures were measured on.</summary>
    public Dictionary<string, string> Machine { get; } = new()
    {
        ["cores"] = Environment.ProcessorCount.ToString(),
        ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        // Allocation-heavy figures move with the GC mode (the size of gen0 differs), so every result says which ran.
        ["gc"] = GcMode(),
    };

    /// <summary>The GC this process runs: workstation or server, background (concurrent) or not.</summary>
    public static string GcMode()
    {
        var kind = System.Runtime.GCSettings.IsServerGC ? "server" : "workstation";
        // The running GC says which it is, whatever set it (runtimeconfig.json, DOTNET_gcConcurrent): a GC without
        // background collection starts in batch latency mode, one with it in interactive mode.
        var concurrent = System.Runtime.GCSettings.LatencyMode != System.Runtime.GCLatencyMode.Batch;
        return $"{kind}, {(concurrent ? "background (concurrent)" : "non-concurrent")}";
    }

    /// <summary>Every figure, in the order measured.</summary>
    public List<Measurement> Measurements { get; } = new();

    /// <summary>Every ratio derived from the figures.</summary>
    public List<Ratio> Ratios { get; } = new();

    /// <summary>Notes: peers that were not installed, figures that could not be taken.</summary>
    public List<string> Notes { get; } = new();

    /// <summary>Records a figure and returns its value.</summary>
    public double Add(string benchmark, string subject, double value, string unit)
    {
        Measurements.Add(new(benchmark, subject, value, unit));
        return value;
    }

    /// <summary>Looks up a figure recorded earlier in this run.</summary>
    public double? Find(string benchmark, string subject) =>
        Measurements.FirstOrDefault(m => m.Benchmark == benchmark && m.Subject == subject)?.Value;

    /// <summary>Records a ratio with an optional target.</summary>
    public Ratio AddRatio(string name, double value, double? target, string meaning)
    {
        var ratio = new Ratio(name, value, target, meaning);
        Ratios.Add(ratio);
        return ratio;
    }

    /// <summary>
    /// Writes every figure and ratio as JSON (camelCase names, nulls left out). Written field by field, without
    /// reflection, so that it works the same in a trimmed or ahead-of-time compiled program.
    /// </summary>
    public void WriteJson(string path)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("suite", Suite);
            json.WriteString("startedUtc", StartedUtc);
            json.WriteStartObject("machine");
            foreach (var (key, value) in Machine) json.WriteString(key, value);
            json.WriteEndObject();
            json.WriteStartArray("measurements");
            foreach (var m in Measurements)
            {
                json.WriteStartObject();
                json.WriteString("benchmark", m.Benchmark);
                json.WriteString("subject", m.Subject);
                json.WriteNumber("value", m.Value);
                json.WriteString("unit", m.Unit);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("ratios");
            foreach (var r in Ratios)
            {
                json.WriteStartObject();
                json.WriteString("name", r.Name);
                json.WriteNumber("value", r.Value);
                if (r.Target is { } target) json.WriteNumber("target", target);
                if (r.Met is { } met) json.WriteBoolean("met", met);
                json.WriteString("meaning", r.Meaning);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("notes");
            foreach (var note in Notes) json.WriteStringValue(note);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        Files.AtomicFile.Write(path, file => buffer.WriteTo(file));
    }
}
