using Braid.Reporting.Bench;

namespace Braid.Benchmarks.Echo;

/// <summary>The echo benchmark's Go programs (the load generator and Go's server), built from bench/echo into a temp folder.</summary>
internal sealed record GoTools(string Load, string Server, string PythonServers)
{
    public static GoTools? Build(BenchResults results)
    {
        if (Peers.BenchDirectory is not { } bench || Peers.Go is not { } go) return null;
        var source = Path.Combine(bench, "echo");
        var output = Path.Combine(Path.GetTempPath(), "braid-echo-bench");
        Directory.CreateDirectory(output);
        var environment = new Dictionary<string, string> { ["GOCACHE"] = Path.Combine(Path.GetTempPath(), "braid-gocache"), ["GO111MODULE"] = "off" };
        foreach (var program in new[] { "load", "goserver" })
        {
            var run = Peers.Run(go, ["build", "-o", Path.Combine(output, program), Path.Combine(source, program + ".go")], TimeSpan.FromMinutes(5), environment);
            if (!run.Ran)
            {
                results.Notes.Add($"go build {program}: {run.Error}");
                return null;
            }
        }
        return new GoTools(Path.Combine(output, "load"), Path.Combine(output, "goserver"), Path.Combine(source, "pyservers.py"));
    }
}
