using System.Text.Json;
using Braid.Reporting.Bench;

namespace Braid.Benchmarks.Primitives;

/// <summary>Runs the peer programs in bench/primitives (Go channels, asyncio.Queue, trio) and records what they print; a missing peer is a note.</summary>
internal static class PeerBenches
{
    public static void Run(BenchResults results, bool quick)
    {
        if (Peers.BenchDirectory is not { } bench)
        {
            results.Notes.Add("peers skipped: bench/ folder not found (run from the repository)");
            return;
        }
        var dir = Path.Combine(bench, "primitives");
        RunGo(results, dir, quick);
        RunPython(results, dir, "asyncio_queue.py", "asyncio.Queue", null, quick ? 100_000 : 300_000,
            new() { ["queue_1p1c"] = ("channel 1p/1c bounded(1024)", "python asyncio.Queue(1024)"), ["queue_4p4c"] = ("channel 4p/4c bounded(1024)", "python asyncio.Queue(1024)") });
        RunPython(results, dir, "trio_channel.py", "trio memory channel", "trio", quick ? 20_000 : 60_000,
            new() { ["channel_1p1c"] = ("channel 1p/1c bounded(1024)", "python trio memory channel(1024)"), ["channel_4p4c"] = ("channel 4p/4c bounded(1024)", "python trio memory channel(1024)") });
    }

    private static void RunGo(BenchResults results, string dir, bool quick)
    {
        if (Peers.Go is not { } go)
        {
            results.Notes.Add("Go not installed (bench/install-peers.sh installs golang-go): Go channel figures skipped");
            return;
        }
        var cache = Directory.CreateTempSubdirectory("braid-gocache");
        try
        {
            foreach (var procs in new[] { "1", Environment.ProcessorCount.ToString() })
            {
                var env = new Dictionary<string, string> { ["GOCACHE"] = cache.FullName, ["GOMAXPROCS"] = procs, ["GOFLAGS"] = "-mod=mod", ["GO111MODULE"] = "off" };
                var run = Peers.Run(go, ["run", Path.Combine(dir, "go_channels.go"), (quick ? 1_000_000 : 4_000_000).ToString()], TimeSpan.FromMinutes(5), env);
                if (!run.Ran || Parse(run.Output) is not { } json)
                {
                    results.Notes.Add($"Go channels (GOMAXPROCS={procs}) did not run: {run.Error}");
                    continue;
                }
                var label = $"go chan, GOMAXPROCS={procs}";
                results.Add("channel 1p/1c bounded(1024)", $"{label} buffered(1024)", json.GetProperty("buffered_1p1c").GetDouble(), "items/s");
                results.Add("channel 4p/4c bounded(1024)", $"{label} buffered(1024)", json.GetProperty("buffered_4p4c").GetDouble(), "items/s");
                results.Add("channel 1p/1c rendezvous", $"{label} unbuffered", json.GetProperty("unbuffered_1p1c").GetDouble(), "items/s");
            }
        }
        finally
        {
            try
            {
                cache.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Go marks its cache read-only; a leftover temp folder is harmless.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static void RunPython(BenchResults results, string dir, string script, string what, string? module, int n,
        Dictionary<string, (string Benchmark, string Subject)> fields)
    {
        if (Peers.DebianPython is not { } python)
        {
            results.Notes.Add($"Debian python3 not installed: {what} figures skipped");
            return;
        }
        if (module is not null && !Peers.PythonHas(module))
        {
            results.Notes.Add($"python3-{module} not installed (bench/install-peers.sh installs it): {what} figures skipped");
            return;
        }
        var run = Peers.Run(python, [Path.Combine(dir, script), n.ToString()], TimeSpan.FromMinutes(5));
        if (!run.Ran || Parse(run.Output) is not { } json)
        {
            results.Notes.Add($"{what} did not run: {run.Error}");
            return;
        }
        foreach (var (field, (benchmark, subject)) in fields) results.Add(benchmark, subject, json.GetProperty(field).GetDouble(), "items/s");
    }

    private static JsonElement? Parse(string output)
    {
        try
        {
            return JsonDocument.Parse(output.Trim().Split('\n').Last()).RootElement;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
