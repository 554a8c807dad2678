using System.Globalization;
using Braid.Reporting.Bench;

namespace Braid.Benchmarks.Echo;

/// <summary>
/// <c>braid bench echo</c>: Braid's echo server against .NET Socket async, Go, asyncio, uvloop, trio and gevent, each
/// on CPU 0, driven by the same Go load generator (bench/echo/load.go) on CPU 1: 64-byte messages at 1, 100 and 1,000
/// connections; requests/s, p50/p99 and requests per server CPU-second. Then 10,000 idle connections held by Braid's
/// server, and the managed memory each one costs.
/// </summary>
public static class EchoBenchmark
{
    /// <summary>How long each measurement runs, and how many connections the idle-memory test opens.</summary>
    public sealed record Sizes(TimeSpan Duration, TimeSpan Warmup, int[] Connections, int IdleConnections)
    {
        /// <summary>The full run.</summary>
        public static Sizes Full => new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), [1, 100, 1000], 10_000);

        /// <summary>The short run (the tour's).</summary>
        public static Sizes Quick => new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(0.5), [1, 100, 1000], 10_000);
    }

    private static readonly string[] PythonServers = ["asyncio", "uvloop", "trio", "gevent"];

    /// <summary>Runs the suite; servers not installed are skipped with a note.</summary>
    public static BenchResults Run(Sizes sizes, bool peers, Action<string> progress)
    {
        var results = new BenchResults("echo");
        results.Notes.Add(EchoProcesses.CanPin ? "servers pinned to CPU 0, the load generator to CPU 1 (taskset)" : "not pinned: taskset or a second CPU is missing");
        var tools = GoTools.Build(results);
        if (tools is null)
        {
            results.Notes.Add("the Go load generator could not be built: no throughput table (bench/install-peers.sh installs golang-go)");
        }
        else
        {
            var braid = EchoProcesses.Braid();
            var servers = new List<(string Name, string File, string[] Args)>
            {
                ("braid", braid.File, [.. braid.Prefix, "echo", "serve", "--port", "PORT"]),
                ("dotnet", braid.File, [.. braid.Prefix, "echo", "serve", "--server", "dotnet", "--port", "PORT"]),
                ("braid-green", braid.File, [.. braid.Prefix, "echo", "serve", "--server", "green", "--port", "PORT"]),
            };
            if (peers)
            {
                servers.Add(("go", tools.Server, ["PORT"]));
                foreach (var py in PythonServers)
                {
                    if (Peers.DebianPython is { } python && Peers.PythonHas(py == "asyncio" ? "asyncio" : py)) servers.Add((py, python, [tools.PythonServers, py, "PORT"]));
                    else results.Notes.Add($"{py}: not installed (bench/install-peers.sh installs it)");
                }
            }
            var port = 19_500;
            foreach (var (name, file, args) in servers)
            {
                progress($"{name} server");
                Throughput(results, tools, name, file, args, ++port, sizes);
            }
            AddRatios(results);
        }
        progress("10,000 idle connections");
        IdleMemory.Measure(results, sizes.IdleConnections, 19_600);
        return results;
    }

    private static void Throughput(BenchResults results, GoTools tools, string name, string file, string[] args, int port, Sizes sizes)
    {
        var server = EchoProcesses.Start(0, file, args.Select(a => a == "PORT" ? port.ToString() : a), new Dictionary<string, string> { ["GOMAXPROCS"] = "1" });
        try
        {
            if (!EchoProcesses.WaitListening(server, port))
            {
                results.Notes.Add($"{name}: the server did not start");
                return;
            }
            foreach (var n in sizes.Connections)
            {
                var load = EchoProcesses.Start(1, tools.Load,
                    ["-addr", $"127.0.0.1:{port}", "-n", n.ToString(), "-d", $"{sizes.Duration.TotalSeconds}s", "-warmup", $"{sizes.Warmup.TotalSeconds}s", "-label", name, "-spid", server.Id.ToString()]);
                var fields = EchoProcesses.RunToEnd(load, TimeSpan.FromMinutes(2)).Trim().Split(' ');
                // label n requests req/s p50_us p99_us server_cpu% client_cpu% errors mismatches
                double F(int i) => double.Parse(fields[i], CultureInfo.InvariantCulture);
                if (F(8) + F(9) > 0) results.Notes.Add($"{name} at {n}: {F(8)} errors, {F(9)} mismatched echoes");
                results.Add($"req/s at {n}", name, F(3), "req/s");
                results.Add($"p50 at {n}", name, F(4), "us");
                results.Add($"p99 at {n}", name, F(5), "us");
                if (F(6) > 0) results.Add($"req per server CPU-s at {n}", name, F(3) / (F(6) / 100), "req/CPU-s");
            }
        }
        finally
        {
            EchoProcesses.Stop(server);
        }
    }

    private static void AddRatios(BenchResults results)
    {
        foreach (var (peer, n, target) in new[] { ("go", 1000, (double?)1.0), ("go", 100, null), ("dotnet", 1000, null), ("dotnet", 100, null) })
        {
            if (results.Find($"req/s at {n}", "braid") is { } braid && results.Find($"req/s at {n}", peer) is { } other)
            {
                results.AddRatio($"braid / {peer} req/s at {n} connections", braid / other, target, $"Braid's echo server against {peer}'s, same load");
            }
        }
    }
}
