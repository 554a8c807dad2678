namespace Braid.MapReduce.Orleans.Tests;

/// <summary>
/// What a user gets wrong about a cluster is one line from the braid command and a non-zero exit, never a stack trace:
/// a gateway nobody listens on, a cluster of another id, a silo of another protocol.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BadClusterTests(ThreeSilos silos, TestFiles files)
{
    [Fact]
    public async Task UnreachableGateway_OneLine()
    {
        var port = BraidCommand.FreePort();
        var (code, _, error) = await Job("--gateway", $"127.0.0.1:{port}");
        Assert.NotEqual(0, code);
        Assert.Equal($"braid: error: cannot connect to cluster 'braid' at 127.0.0.1:{port}: Unable to connect to any of the 1 available gateways. (Unable to connect to 127.0.0.1:{port}. Error: ConnectionRefused)", OneLine(error));
    }

    [Fact]
    public async Task ClusterIdMismatch_OneLine()
    {
        var (code, _, error) = await Job("--gateway", $"127.0.0.1:{silos.Cluster.Silos[0].GatewayPort}", "--cluster-id", "another");
        Assert.NotEqual(0, code);
        var line = OneLine(error);
        Assert.True(line.Contains("it is a silo of another cluster (this client asked for 'another'", StringComparison.Ordinal), line);
    }

    [Fact]
    public async Task SiloOfAnotherProtocol_OneLine()
    {
        // The silo says it speaks protocol 99, as a silo of another braid build would.
        await using var other = await Clusters.StartAsync(1, new Dictionary<string, string> { ["BRAID_CLUSTER_PROTOCOL"] = "99" });
        var (code, _, error) = await Job("--gateway", $"127.0.0.1:{other.Silos[0].GatewayPort}");
        Assert.NotEqual(0, code);
        Assert.Matches(@"^braid: error: silo \S+ speaks Braid cluster protocol 99 \(braid [^)]+\), this client 1 \(braid [^)]+\): run the same braid on every machine$", OneLine(error));
    }

    [Fact]
    public async Task NoGatewayGiven_IsAUsageError()
    {
        var (code, _, error) = await Job();
        Assert.Equal(2, code);
        Assert.Equal("braid: --executor orleans needs --gateway HOST:PORT (a silo's gateway port)", OneLine(error));
    }

    [Fact]
    public async Task Job_ThroughTheCommand_PrintsWhatInlineDoes()
    {
        var file = files.Words("command.txt", size: 1 << 20);
        var (code, output, error) = await Job("--gateway", $"127.0.0.1:{silos.Cluster.Silos[0].GatewayPort}", "--chunk-size", "64KB", "--top", "20", file);
        var inline = await BraidCommand.RunAsync("mapreduce", "wordcount", file, "--executor", "inline", "--top", "20");
        Assert.True(code == 0, error);
        Assert.Equal(inline.Out, output);
        Assert.Contains("on orleans x", error, StringComparison.Ordinal);
    }

    private Task<(int Code, string Out, string Error)> Job(params string[] options)
    {
        var file = options.LastOrDefault(o => o.EndsWith(".txt", StringComparison.Ordinal)) ?? files.Words("bad.txt", size: 64 << 10);
        return BraidCommand.RunAsync(["mapreduce", "wordcount", .. options.Where(o => o != file), file, "--executor", "orleans"]);
    }

    /// <summary>Standard error, which must be exactly one line.</summary>
    private static string OneLine(string error)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line, got: {error}");
        return lines[0];
    }
}
