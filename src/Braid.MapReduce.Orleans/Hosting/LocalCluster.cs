using Braid.MapReduce.Executors;

namespace Braid.MapReduce.Orleans.Hosting;

/// <summary>
/// A cluster of silo processes on 127.0.0.1 and a client connected to it, for the benchmark and the tests. With
/// localhost membership the first silo is the primary and the client's gateway; with postgres every silo joins through
/// the table. Ready when every silo has printed its ready line and the client sees them all in the membership.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly WorkerLaunch _launch;
    private readonly IReadOnlyDictionary<string, string>? _environment;
    private readonly List<SiloProcess> _silos;

    private LocalCluster(WorkerLaunch launch, IReadOnlyDictionary<string, string>? environment, List<SiloProcess> silos, ClusterConnection connection)
    {
        _launch = launch;
        _environment = environment;
        _silos = silos;
        Connection = connection;
    }

    /// <summary>The silos, the first one the client's gateway (and, with localhost membership, the primary).</summary>
    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>The client's connection.</summary>
    public ClusterConnection Connection { get; }

    /// <summary>How long the client may take to see every silo in the membership.</summary>
    public static readonly TimeSpan MembershipTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Starts <paramref name="count"/> silos of localhost membership with <paramref name="launch"/> (braid <c>cluster silo</c>).</summary>
    public static async Task<LocalCluster> StartAsync(WorkerLaunch launch, int count, IReadOnlyDictionary<string, string>? environment = null)
    {
        var primary = SiloProcess.Start(launch, [], environment);
        var silos = new List<SiloProcess> { primary };
        try
        {
            // The others join through the primary: they start together once it listens.
            await primary.WaitReadyAsync();
            for (var i = 1; i < count; i++) silos.Add(SiloProcess.Start(launch, PrimaryArguments(primary), environment));
            return await ConnectAsync(launch, environment, silos);
        }
        catch
        {
            foreach (var silo in silos) silo.Dispose();
            throw;
        }
    }

    /// <summary>Starts <paramref name="count"/> silos whose membership is in PostgreSQL.</summary>
    public static async Task<LocalCluster> StartPostgresAsync(WorkerLaunch launch, int count, string connectionString)
    {
        // The connection string goes by environment: a password in it stays out of ps.
        var environment = new Dictionary<string, string> { ["BRAID_CLUSTER_CONNECTION"] = connectionString };
        var silos = Enumerable.Range(0, count).Select(_ => SiloProcess.Start(launch, ["--membership", "postgres"], environment)).ToList();
        try
        {
            return await ConnectAsync(launch, environment, silos);
        }
        catch
        {
            foreach (var silo in silos) silo.Dispose();
            throw;
        }
    }

    /// <summary>Adds a silo of localhost membership and waits until the client sees it.</summary>
    public async Task AddSiloAsync()
    {
        var silo = SiloProcess.Start(_launch, PrimaryArguments(_silos[0]), _environment);
        _silos.Add(silo);
        await silo.WaitReadyAsync();
        await WaitForMembershipAsync(Connection, _silos.Count);
    }

    /// <summary>An executor over the whole cluster, <paramref name="slotsPerSilo"/> slots on each silo.</summary>
    public OrleansExecutor Executor(bool sendBytes = false, IWorkerObserver? observer = null, TimeSpan? chunkTimeout = null, int slotsPerSilo = 1) =>
        OrleansExecutor.Create(Connection.Client, slotsPerSilo, sendBytes, observer, chunkTimeout);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // The silos go first: a client leaving a cluster that is still there says goodbye, which takes longer.
        foreach (var silo in _silos) silo.Dispose();
        await Connection.DisposeAsync();
    }

    private static string[] PrimaryArguments(SiloProcess primary) => ["--primary", $"127.0.0.1:{primary.Port}"];

    private static async Task<LocalCluster> ConnectAsync(WorkerLaunch launch, IReadOnlyDictionary<string, string>? environment, List<SiloProcess> silos)
    {
        await Task.WhenAll(silos.Select(s => s.WaitReadyAsync()));
        var connection = await ClusterConnection.ConnectAsync([silos[0].Gateway]);
        try
        {
            await WaitForMembershipAsync(connection, silos.Count);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return new LocalCluster(launch, environment, silos, connection);
    }

    /// <summary>
    /// Polls the membership until it holds <paramref name="count"/> active silos: a silo is ready once it has joined,
    /// but the gateway's view may lag by a table refresh.
    /// </summary>
    private static async Task WaitForMembershipAsync(ClusterConnection connection, int count)
    {
        var deadline = DateTime.UtcNow + MembershipTimeout;
        while ((await connection.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count < count)
        {
            if (DateTime.UtcNow > deadline) throw new ClusterException($"the client did not see {count} silos within {MembershipTimeout.TotalSeconds} s");
            await Task.Delay(50);
        }
    }
}
