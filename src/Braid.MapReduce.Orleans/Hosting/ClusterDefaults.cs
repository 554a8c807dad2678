using Orleans.Configuration;

namespace Braid.MapReduce.Orleans.Hosting;

/// <summary>
/// What every silo and client of a Braid cluster share: names, and the failure detection that lets a job notice a lost
/// silo in seconds rather than Orleans' default of about a minute.
/// </summary>
public static class ClusterDefaults
{
    /// <summary>The cluster id unless one is given.</summary>
    public const string ClusterId = "braid";

    /// <summary>Orleans' service id: the same for every Braid cluster (it names storage, which Braid does not use).</summary>
    public const string ServiceId = "braid-mapreduce";

    /// <summary>
    /// Failure detection, chosen for a job to go on within seconds of losing a silo. A silo probes 2 others every
    /// second (<see cref="ClusterMembershipOptions.ProbeTimeout"/> 1 s); 2 missed probes make it suspect the silo
    /// (<see cref="ClusterMembershipOptions.NumMissedProbesLimit"/>), and one suspicion is enough to declare it dead
    /// (<see cref="ClusterMembershipOptions.NumVotesForDeathDeclaration"/> 1, Orleans' default is 2 of 3 probes, meant
    /// for larger clusters where one silo's view may be wrong); every silo reads the table every 2 s. A killed silo is
    /// then declared dead in about 2-4 s (measured in the tests). The price: a silo stalled for 2 s (a long GC, a
    /// swapping machine) is declared dead too, and its work is mapped again elsewhere; raise these for clusters of
    /// busy or distant machines.
    /// </summary>
    public static void FastFailureDetection(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.NumProbedSilos = 2;
        options.NumMissedProbesLimit = 2;
        options.NumVotesForDeathDeclaration = 1;
        options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        options.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(20);
        // A silo that cannot join (a wrong primary, a database it cannot reach) gives up in 20 s, not 5 min.
        options.MaxJoinAttemptTime = TimeSpan.FromSeconds(20);
    }
}
