using Braid.MapReduce.Engine;
using Braid.MapReduce.Executors;
using Braid.MapReduce.Orleans.Hosting;

namespace Braid.MapReduce.Orleans.Tests;

/// <summary>Local clusters of the built braid command, and the comparison with inline that every test makes.</summary>
internal static class Clusters
{
    public static Task<LocalCluster> StartAsync(int count, IReadOnlyDictionary<string, string>? environment = null) =>
        LocalCluster.StartAsync(BraidCommand.Silo, count, environment);

    public static Task<LocalCluster> StartPostgresAsync(int count, string connectionString) =>
        LocalCluster.StartPostgresAsync(BraidCommand.Silo, count, connectionString);

    public static async Task<(MapReduceResult Inline, MapReduceResult Cluster)> RunBothAsync(MapReduceJob job, string file, IExecutor executor, int chunkSize)
    {
        var inline = await MapReduceRunner.RunAsync(job, [file], new InlineExecutor(), chunkSize);
        var cluster = await MapReduceRunner.RunAsync(job, [file], executor, chunkSize);
        return (inline, cluster);
    }
}
