using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

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
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

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

    /// <summary>Writes every figure and ratio as JSON.</summary>
    public void WriteJson(string path)
    {
        Files.AtomicFile.WriteAllText(path, JsonSerializer.Serialize(new
        {
            suite = Suite,
            startedUtc = StartedUtc,
            machine = Machine,
            measurements = Measurements,
            ratios = Ratios.Select(r => new { r.Name, r.Value, r.Target, r.Met, r.Meaning }),
            notes = Notes,
        }, JsonOptions));
    }

    /// <summary>Prints the figures grouped by benchmark, then the ratios with their targets.</summary>
    public void Print(IAnsiConsole console)
    {
        var figures = new Table().Title($"braid bench {Suite}").AddColumns("benchmark", "subject", "value", "unit");
        foreach (var m in Measurements)
        {
            figures.AddRow(Markup.Escape(m.Benchmark), Markup.Escape(m.Subject), Reporting.Charts.Format(m.Value), Markup.Escape(m.Unit));
        }
        console.Write(figures);
        if (Ratios.Count > 0)
        {
            var ratios = new Table().AddColumns("ratio", "value", "target", "", "meaning");
            foreach (var r in Ratios)
            {
                var verdict = r.Met switch { true => "[green]met[/]", false => "[red]missed[/]", null => "" };
                ratios.AddRow(Markup.Escape(r.Name), $"{r.Value:0.00}x", r.Target is { } t ? $">= {t:0.##}x" : "", verdict, Markup.Escape(r.Meaning));
            }
            console.Write(ratios);
        }
        foreach (var note in Notes)
        {
            console.MarkupLine($"[grey]note: {Markup.Escape(note)}[/]");
        }
        console.MarkupLine($"[grey]{Machine["cores"]} cores, {Markup.Escape(Machine["runtime"])}, GC: {Markup.Escape(Machine["gc"])}[/]");
    }
}
