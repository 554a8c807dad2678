using Braid.MapReduce.Engine;
using Braid.MapReduce.Executors;

namespace Braid.MapReduce.Orleans.Tests;

/// <summary>
/// A cluster of silo processes on 127.0.0.1 and a client connected to it. With localhost membership the first silo is
/// the primary and the client's gateway; with postgres every silo joins through the table. Ready when every silo has
/// printed its ready line and the client sees them all in the membership.
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    private LocalCluster(IReadOnlyList<SiloProcess> silos, ClusterConnection connection)
    {
        Silos = silos;
        Connection = connection;
    }

    public IReadOnlyList<SiloProcess> Silos { get; }

    public ClusterConnection Connection { get; }

    /// <summary>How long the client may take to see every silo in the membership.</summary>
    public static readonly TimeSpan MembershipTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Starts <paramref name="count"/> silos of localhost membership.</summary>
    public static async Task<LocalCluster> StartAsync(int count, IReadOnlyDictionary<string, string>? environment = null)
    {
        var primary = SiloProcess.Start([], environment);
        var silos = new List<SiloProcess> { primary };
        try
        {
            // The others join through the primary: they start together once it listens.
            await primary.WaitReadyAsync();
            for (var i = 1; i < count; i++) silos.Add(SiloProcess.Start(["--primary", $"127.0.0.1:{primary.Port}"], environment));
            return await ConnectAsync(silos);
        }
        catch
        {
            foreach (var silo in silos) silo.Dispose();
            throw;
        }
    }

    /// <summary>Starts <paramref name="count"/> silos whose membership is in PostgreSQL.</summary>
    public static async Task<LocalCluster> StartPostgresAsync(int count, string connectionString)
    {
        var environment = new Dictionary<string, string> { ["BRAID_CLUSTER_CONNECTION"] = connectionString };
        var silos = Enumerable.Range(0, count).Select(_ => SiloProcess.Start(["--membership", "postgres"], environment)).ToList();
        try
        {
            return await ConnectAsync(silos);
        }
        catch
        {
            foreach (var silo in silos) silo.Dispose();
            throw;
        }
    }

    private static async Task<LocalCluster> ConnectAsync(List<SiloProcess> silos)
    {
        await Task.WhenAll(silos.Select(s => s.WaitReadyAsync()));
        var connection = await ClusterConnection.ConnectAsync([silos[0].Gateway]);
        var deadline = DateTime.UtcNow + MembershipTimeout;
        // A silo is ready once it has joined, but the gateway's view of the membership may lag it by a table refresh.
        while ((await connection.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count < silos.Count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the client did not see {silos.Count} silos within {MembershipTimeout.TotalSeconds} s");
            await Task.Delay(50);
        }
        return new LocalCluster(silos, connection);
    }

    /// <summary>An executor over the whole cluster: one slot per silo, so that each silo is sure to get work.</summary>
    public OrleansExecutor Executor(bool sendBytes, IWorkerObserver? observer = null, TimeSpan? chunkTimeout = null) =>
        OrleansExecutor.Create(Connection.Client, slotsPerSilo: 1, sendBytes, observer, chunkTimeout);

    public async ValueTask DisposeAsync()
    {
        // The silos go first: a client leaving a cluster that is still there says goodbye, which takes longer.
        foreach (var silo in Silos) silo.Dispose();
        await Connection.DisposeAsync();
    }

    /// <summary>Runs the job on the cluster and inline, for the comparison every test makes.</summary>
    public static async Task<(MapReduceResult Inline, MapReduceResult Cluster)> RunBothAsync(MapReduceJob job, string file, IExecutor executor, int chunkSize)
    {
        var inline = await MapReduceRunner.RunAsync(job, [file], new InlineExecutor(), chunkSize);
        var cluster = await MapReduceRunner.RunAsync(job, [file], executor, chunkSize);
        return (inline, cluster);
    }
}
