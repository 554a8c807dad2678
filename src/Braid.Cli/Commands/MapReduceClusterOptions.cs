using System.CommandLine;
using Braid.MapReduce.Engine;
using Braid.MapReduce.Executors;
using Braid.MapReduce.Orleans;

namespace Braid.Cli.Commands;

/// <summary>
/// The options of <c>braid mapreduce ... --executor orleans</c>: where the cluster is, and how input reaches it. Kept
/// apart from the other executors' so that the map-reduce command changes by a few lines only.
/// </summary>
public sealed class MapReduceClusterOptions
{
    public const string ExecutorName = "orleans";

    public Option<string[]> Gateway { get; } = new("--gateway")
    {
        Description = "Orleans executor: a silo's HOST:PORT (its --gateway-port); repeat it, or separate with commas, to fail over between gateways.",
        HelpName = "HOST:PORT",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string> ClusterId { get; } = ClusterCommand.ClusterId();

    public Option<bool> SendBytes { get; } = new("--send-bytes")
    {
        Description = "Orleans executor: send each chunk's bytes to the silos, for silos that cannot read the input files at the same path.",
    };

    public IEnumerable<Option> All => [Gateway, ClusterId, SendBytes];

    /// <summary>
    /// Connects and makes the executor; <paramref name="slotsPerSilo"/> null puts one slot per core on each silo.
    /// The connection must outlive the run. The files are checked first, so that a missing one is the error a user
    /// sees, at once, not whatever the cluster says.
    /// </summary>
    public async Task<(ClusterConnection? Connection, IExecutor Executor)> ConnectAsync(ParseResult parse, IReadOnlyList<string> files, int? slotsPerSilo, TimeSpan chunkTimeout, CancellationToken cancellationToken)
    {
        try
        {
            InputFiles.Validate(files);
        }
        catch (InputException e)
        {
            throw new UsageException(e.Message);
        }
        var gateways = (parse.GetValue(Gateway) ?? []).SelectMany(g => g.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(g => ClusterCommand.Endpoint("--gateway", g)).ToList();
        if (gateways.Count == 0) throw new UsageException("--executor orleans needs --gateway HOST:PORT (a silo's gateway port)");
        var responseTimeout = chunkTimeout == Timeout.InfiniteTimeSpan ? TimeSpan.FromDays(1) : chunkTimeout + TimeSpan.FromSeconds(10);
        var connection = await ClusterConnection.ConnectAsync(gateways, parse.GetValue(ClusterId)!, responseTimeout, cancellationToken);
        try
        {
            return (connection, OrleansExecutor.Create(connection.Client, slotsPerSilo, parse.GetValue(SendBytes), chunkTimeout: chunkTimeout));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
