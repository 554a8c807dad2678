using System.Text.Json;
using Braid.Reporting.Bench;

namespace Braid.Benchmarks.Runtime;

/// <summary>Runs the runtime peers (asyncio, trio, greenlet, Go goroutines) from bench/runtime, where installed.</summary>
internal static class RuntimePeers
{
    public sealed record PeerFigures(string Peer, double SwitchNs, double SpawnJoinNs, double? ChannelSwitchNs);

    public static IEnumerable<PeerFigures> Run(int rounds, int spawns, BenchResults results)
    {
        if (Peers.BenchDirectory is not { } bench)
        {
            results.Notes.Add("peers skipped: bench/ not found (run from the repository)");
            yield break;
        }
        var script = Path.Combine(bench, "runtime", "peers.py");
        foreach (var (peer, module) in new[] { ("asyncio", "asyncio"), ("trio", "trio"), ("greenlet", "greenlet") })
        {
            if (Peers.DebianPython is not { } python || !Peers.PythonHas(module))
            {
                results.Notes.Add($"{peer}: not installed (bench/install-peers.sh installs it)");
                continue;
            }
            // Python is ~50x slower per operation: fewer iterations keep the run short.
            var run = Peers.Run(python, [script, peer, (rounds / 10).ToString(), (spawns / 10).ToString()], TimeSpan.FromMinutes(5));
            if (Parse(run, peer, results) is { } figures) yield return figures;
        }
        if (Peers.Go is not { } go)
        {
            results.Notes.Add("go: not installed (bench/install-peers.sh installs golang-go)");
            yield break;
        }
        var cache = Path.Combine(Path.GetTempPath(), "braid-gocache");
        var goRun = Peers.Run(go, ["run", Path.Combine(bench, "runtime", "goroutines.go"), rounds.ToString(), spawns.ToString()],
            TimeSpan.FromMinutes(5), new Dictionary<string, string> { ["GOCACHE"] = cache, ["GOFLAGS"] = "-mod=mod", ["GO111MODULE"] = "off" });
        if (Parse(goRun, "go", results) is { } goFigures) yield return goFigures;
    }

    private static PeerFigures? Parse(PeerRun run, string peer, BenchResults results)
    {
        if (!run.Ran)
        {
            results.Notes.Add($"{peer}: {run.Error}");
            return null;
        }
        try
        {
            using var json = JsonDocument.Parse(run.Output.Trim().Split('\n').Last());
            var root = json.RootElement;
            return new PeerFigures(peer, root.GetProperty("switch_ns").GetDouble(), root.GetProperty("spawn_join_ns").GetDouble(),
                root.TryGetProperty("channel_switch_ns", out var ch) ? ch.GetDouble() : null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            results.Notes.Add($"{peer}: unreadable output ({e.Message})");
            return null;
        }
    }
}
