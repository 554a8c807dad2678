namespace Braid.MapReduce.Orleans;

/// <summary>
/// The client's view of which silos are alive, read from the cluster's membership (the management grain) at most every
/// <see cref="Period"/>. A slot waiting on a silo asks it, so that a silo declared dead ends the wait at once: Orleans
/// itself would let a call to a lost silo run until its response timeout.
/// </summary>
internal sealed class SiloLiveness(IClusterClient client, TimeProvider time)
{
    private readonly Lock _lock = new();
    private IReadOnlyList<SiloAddress> _active = [];
    private long _readAt;
    private bool _read;

    /// <summary>How stale the view may be.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(250);

    /// <summary>How long reading the membership may take before the cluster is deemed unreachable.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The active silos, in address order; throws <see cref="ClusterException"/> when none can be read.</summary>
    public IReadOnlyList<SiloAddress> Active(bool fresh = false)
    {
        lock (_lock)
        {
            if (fresh || !_read || time.GetElapsedTime(_readAt) >= Period)
            {
                _active = Read();
                _readAt = time.GetTimestamp();
                _read = true;
            }
            return _active;
        }
    }

    /// <summary>True while the silo is in the cluster; false once it is declared dead, or the cluster cannot be read.</summary>
    public bool IsAlive(SiloAddress silo)
    {
        try
        {
            return Active().Contains(silo);
        }
        catch (ClusterException)
        {
            return false;
        }
    }

    private IReadOnlyList<SiloAddress> Read()
    {
        try
        {
            var hosts = client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
            if (!hosts.Wait(ReadTimeout)) throw new ClusterException($"no live silo answers: the cluster's membership did not answer within {ReadTimeout.TotalSeconds:0} s");
            return [.. hosts.Result.Keys.OrderBy(s => s.ToString(), StringComparer.Ordinal)];
        }
        catch (AggregateException e)
        {
            throw new ClusterException($"no live silo answers: the cluster's membership cannot be read ({Hosting.SiloHost.OneLine(e.InnerException ?? e)})", e);
        }
    }
}
