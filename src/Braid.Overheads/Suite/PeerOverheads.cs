using System.Text.Json;
using Braid.Reporting.Bench;

namespace Braid.Overheads.Suite;

/// <summary>
/// Runs the peers in <c>bench/overheads/</c> (Python's threading, multiprocessing, asyncio and greenlet on Debian's
/// python3; Go's goroutines with <c>go run</c>) and adds their figures beside Braid's. A missing peer is a note.
/// </summary>
public static class PeerOverheads
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    /// <summary>Set to 1 to leave the peers out (the tests do: they must not depend on Python or Go, nor wait for them).</summary>
    public const string SkipVariable = "BRAID_NO_PEERS";

    /// <summary>Runs every installed peer and records its figures; never throws for a missing or failing peer.</summary>
    public static void Run(bool quick, BenchResults results, OverheadsData data)
    {
        if (Environment.GetEnvironmentVariable(SkipVariable) == "1")
        {
            results.Notes.Add($"peers skipped ({SkipVariable}=1)");
            return;
        }
        if (Peers.BenchDirectory is not { } bench)
        {
            results.Notes.Add("peers: bench/ not found (run from the repository checkout)");
            return;
        }
        var folder = Path.Combine(bench, "overheads");
        string[] quickArg = quick ? ["--quick"] : [];

        if (Peers.DebianPython is { } python)
        {
            Record("python", Peers.Run(python, [Path.Combine(folder, "overheads.py"), .. quickArg], Limit), results, data);
        }
        else
        {
            results.Notes.Add("python peers: /usr/bin/python3 not installed (bench/install-peers.sh)");
        }

        if (Peers.Go is { } go)
        {
            // Go caches its builds; a folder of our own in the temporary folder keeps that out of the user's home.
            var temp = Path.Combine(Path.GetTempPath(), "braid-go");
            var env = new Dictionary<string, string>
            {
                ["GOCACHE"] = Path.Combine(temp, "cache"),
                ["GOPATH"] = Path.Combine(temp, "path"),
                ["GOTOOLCHAIN"] = "local",
                ["GOFLAGS"] = "-mod=mod",
            };
            Record("go", Peers.Run(go, ["run", Path.Combine(folder, "overheads.go"), .. quickArg], Limit, env), results, data);
        }
        else
        {
            results.Notes.Add("go peer: go not installed (bench/install-peers.sh)");
        }
    }

    /// <summary>Parses a peer's JSON output into figures; malformed output becomes a note.</summary>
    public static void Record(string peer, PeerRun run, BenchResults results, OverheadsData data)
    {
        if (!run.Ran)
        {
            results.Notes.Add($"{peer} peer did not run: {run.Error}");
            return;
        }
        try
        {
            using var doc = JsonDocument.Parse(run.Output);
            foreach (var s in doc.RootElement.GetProperty("subjects").EnumerateArray())
            {
                var subject = s.GetProperty("subject").GetString()!;
                var points = s.GetProperty("createJoinUs").EnumerateArray()
                    .Select(p => (Units: (int)p[0].GetDouble(), Micros: p[1].GetDouble())).ToList();
                foreach (var (n, micros) in points) results.Add($"create+join, n={n}", subject, micros, "µs/unit");
                data.CreateJoin.Add(new(subject, points));
                var method = s.GetProperty("memoryMethod").GetString()!;
                var memory = s.GetProperty("memoryBytes").GetDouble();
                results.Add($"memory per unit ({method})", subject, memory, "B/unit");
                data.Memory.Add(new(subject, memory, method));
                if (s.TryGetProperty("pssBytes", out var pss)) results.Add("memory per unit (child PSS)", subject, pss.GetDouble(), "B/unit");
                var switchUs = s.GetProperty("switchUs").GetDouble();
                results.Add("switch (ping-pong)", subject, switchUs, "µs/switch");
                data.Switch.Add(new(subject, switchUs, peer));
            }
            foreach (var note in doc.RootElement.GetProperty("notes").EnumerateArray()) results.Notes.Add(note.GetString()!);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            results.Notes.Add($"{peer} peer printed something unexpected: {e.Message}");
        }
    }
}
