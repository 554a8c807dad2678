using Braid.Reporting;

namespace Braid.Overheads.Suite;

/// <summary>The suite's charts: create+join against units, memory per unit, switch latency, transport throughput.</summary>
public static class OverheadsPlots
{
    /// <summary>Writes every chart with <paramref name="pathFor"/> naming each file; returns (path, caption) pairs.</summary>
    public static IReadOnlyList<(string Path, string Caption)> Write(OverheadsData data, Func<string, string> pathFor)
    {
        var plots = new List<(string, string)>();
        if (data.CreateJoin.Count > 0)
        {
            plots.Add((Charts.Lines(pathFor("create-join"), "Create + join: time per unit", "units created at once", "µs per unit",
                data.CreateJoin.Where(s => s.Points.Count > 0).Select(s => new Series(s.Subject,
                    s.Points.Select(p => (double)p.Units).ToList(), s.Points.Select(p => p.MicrosPerUnit).ToList())),
                logY: true, logX: true),
                "Create + join, microseconds per unit against the number of units (log-log): processes cost milliseconds, threads tens of microseconds, tasks and goroutines well under one."));
        }
        if (data.Memory.Count > 0)
        {
            plots.Add((Charts.Bars(pathFor("memory"), "Memory per live unit", "bytes per unit",
                data.Memory.Select(m => $"{m.Subject} ({m.How})").ToList(), data.Memory.Select(m => m.Value).ToList(), logY: true),
                "Memory per live unit (log scale): a process's resident set against a thread's and a task's."));
        }
        if (data.Switch.Count > 0)
        {
            plots.Add((Charts.Bars(pathFor("switch"), "Switch latency (half a ping-pong round)", "µs per switch",
                data.Switch.Select(s => s.Subject).ToList(), data.Switch.Select(s => s.Value).ToList(), logY: true),
                "Switch / wake-up latency (log scale): pipes between processes, events between threads, awaits between tasks."));
        }
        if (data.Transports.Count > 0)
        {
            plots.Add((Charts.Bars(pathFor("messages"), "Small messages (64 B): messages per second", "messages/s",
                data.Transports.Select(t => t.Transport).ToList(), data.Transports.Select(t => t.MessagesPerSecond).ToList(), logY: true),
                "Messages of 64 bytes per second, one write each (log scale)."));
            plots.Add((Charts.Bars(pathFor("bandwidth"), "Large blocks (64 KiB): megabytes per second", "MB/s",
                data.Transports.Select(t => t.Transport).ToList(), data.Transports.Select(t => t.MegabytesPerSecond).ToList(), logY: true),
                "Bandwidth with 64 KiB blocks (log scale)."));
        }
        return plots;
    }

    /// <summary>One row per measured unit: create+join at the smallest and largest n, memory, switch.</summary>
    public static (IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows) UnitTable(OverheadsData data)
    {
        var subjects = data.CreateJoin.Select(s => s.Subject).Concat(data.Memory.Select(m => m.Subject)).Distinct();
        var rows = subjects.Select(subject =>
        {
            var cj = data.CreateJoin.FirstOrDefault(s => s.Subject == subject)?.Points ?? [];
            var mem = data.Memory.FirstOrDefault(m => m.Subject == subject);
            var sw = data.Switch.FirstOrDefault(s => s.Subject == subject);
            return (IReadOnlyList<string>)
            [
                subject,
                cj.Count > 0 ? $"{Numbers.Format(cj[0].MicrosPerUnit)} (n={cj[0].Units})" : "",
                cj.Count > 1 ? $"{Numbers.Format(cj[^1].MicrosPerUnit)} (n={cj[^1].Units})" : "",
                mem is null ? "" : $"{Bytes(mem.Value)} ({mem.How})",
                sw is null ? "" : Numbers.Format(sw.Value),
            ];
        }).ToList();
        rows.AddRange(data.Pending.Select(p => (IReadOnlyList<string>)[p.Name, p.Reason, "", "", ""]));
        return (["unit", "create+join µs/unit, fewest", "create+join µs/unit, most", "memory per unit", "switch µs"], rows);
    }

    /// <summary>One row per transport.</summary>
    public static (IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows) TransportTable(OverheadsData data) =>
        (["transport", "64 B messages/s", "64 KiB blocks MB/s", "intact"],
         data.Transports.Select(t => (IReadOnlyList<string>)[t.Transport, Numbers.Format(t.MessagesPerSecond), Numbers.Format(t.MegabytesPerSecond), t.Intact ? "yes" : "NO"]).ToList());

    /// <summary>Bytes as B, KiB or MiB.</summary>
    public static string Bytes(double bytes) => Math.Abs(bytes) switch
    {
        >= 1 << 20 => $"{bytes / (1 << 20):0.#} MiB",
        >= 1 << 10 => $"{bytes / (1 << 10):0.#} KiB",
        _ => $"{bytes:0} B",
    };
}
