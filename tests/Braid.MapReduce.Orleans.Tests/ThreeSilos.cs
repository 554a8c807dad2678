using Braid.MapReduce.Orleans.Hosting;

namespace Braid.MapReduce.Orleans.Tests;

/// <summary>Three silo processes on 127.0.0.1, shared by the tests that leave the cluster as they found it.</summary>
public sealed class ThreeSilos : IAsyncLifetime
{
    private LocalCluster? _cluster;

    internal LocalCluster Cluster => _cluster ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _cluster = await Clusters.StartAsync(3);

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}

/// <summary>
/// Every test that runs silos is in this one collection: they run one after another, so that a 2-core machine is not
/// asked to run a dozen silos at once, and no test's silos see another test's kill.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ThreeSilos>, ICollectionFixture<TestFiles>
{
    public const string Name = "cluster";
}
