using Braid.MapReduce.Engine;
using Braid.MapReduce.Executors;
using Braid.MapReduce.Orleans.Grains;

namespace Braid.MapReduce.Orleans;

/// <summary>
/// Runs a job's map on an Orleans cluster: N slot grains spread evenly over the live silos (by default as many on each
/// silo as it has cores), each fed one chunk at a time by a slot of the engine's own (<see cref="WorkerSlot"/>), so
/// the cluster loses nothing when a silo dies, as the processes executor loses nothing when a worker does: the chunks a
/// lost slot held are mapped again on the others, and the result equals the inline executor's. The client splits,
/// merges and reduces. Input goes by place (every silo reads the same path: a shared or replicated file) or, with
/// sendBytes, as the chunk's bytes.
/// </summary>
public sealed class OrleansExecutor : IExecutor
{
    private readonly ClusterRun _run;
    private readonly IReadOnlyList<SiloAddress> _homes;
    private readonly IWorkerObserver? _observer;

    private OrleansExecutor(ClusterRun run, IReadOnlyList<SiloAddress> homes, IReadOnlyList<SiloAddress> silos, bool sendBytes, IWorkerObserver? observer)
    {
        _run = run;
        _homes = homes;
        Silos = silos;
        NeedsBytes = sendBytes;
        _observer = observer;
    }

    /// <inheritdoc />
    public string Name => "orleans";

    /// <inheritdoc />
    /// <remarks>The number of slots, over all silos.</remarks>
    public int Workers => _homes.Count;

    /// <summary>The silos that were alive when the executor was made.</summary>
    public IReadOnlyList<SiloAddress> Silos { get; }

    /// <inheritdoc />
    public bool NeedsBytes { get; }

    /// <summary>
    /// Finds the live silos and checks that each speaks this client's protocol; puts <paramref name="slotsPerSilo"/>
    /// slots on each (default: its cores). A slot that does not answer for a chunk within <paramref name="chunkTimeout"/>
    /// (default <see cref="ProcessExecutor.DefaultChunkTimeout"/>; <see cref="Timeout.InfiniteTimeSpan"/> for none) is
    /// given up and its work mapped again. Throws <see cref="ClusterException"/> when no silo is alive or one speaks
    /// another protocol.
    /// </summary>
    public static OrleansExecutor Create(IClusterClient client, int? slotsPerSilo = null, bool sendBytes = false, IWorkerObserver? observer = null,
        TimeSpan? chunkTimeout = null, TimeProvider? time = null)
    {
        if (slotsPerSilo is < 1) throw new ArgumentOutOfRangeException(nameof(slotsPerSilo));
        time ??= TimeProvider.System;
        var timeout = chunkTimeout ?? ProcessExecutor.DefaultChunkTimeout;
        var liveness = new SiloLiveness(client, time);
        var silos = liveness.Active(fresh: true);
        if (silos.Count == 0) throw new ClusterException("the cluster has no live silo");
        var perSilo = new List<int>();
        var usable = new List<SiloAddress>();
        string? lost = null;
        foreach (var silo in silos)
        {
            // A probe grain, one per silo: the protocol is checked before any chunk is sent, and each silo says its cores.
            // A silo that does not answer is left out (it may be dying, not yet declared dead); one of another
            // protocol fails the job, since no retry can help.
            var probe = client.GetGrain<IMapSlotGrain>(SlotKey.Format($"probe-{Guid.NewGuid():N}", 0, 0, silo));
            if (Describe(probe, silo, out var why) is not { } info)
            {
                lost = why;
                continue;
            }
            ClusterWorker.CheckProtocol(info);
            probe.EndAsync().Wait(TimeSpan.FromSeconds(2));
            usable.Add(silo);
            perSilo.Add(slotsPerSilo ?? info.Cores);
        }
        if (usable.Count == 0) throw new ClusterException($"the cluster has no live silo: {lost}");
        silos = usable;
        // Slots in turn over the silos (a, b, c, a, b, c, ...), so that fewer chunks than slots still spread.
        var homes = new List<SiloAddress>();
        for (var round = 0; round < perSilo.Max(); round++)
        {
            for (var i = 0; i < silos.Count; i++)
            {
                if (round < perSilo[i]) homes.Add(silos[i]);
            }
        }
        return new OrleansExecutor(new ClusterRun(client, liveness, timeout, time), homes, silos, sendBytes, observer);
    }

    /// <inheritdoc />
    public Task RunAsync(MapReduceJob job, IEnumerable<Chunk> chunks, Action<IReadOnlyList<Chunk>, Partial> done, MapReduceStats stats, CancellationToken cancellationToken)
    {
        var run = Guid.NewGuid().ToString("N");
        var generations = new int[Workers];
        return SlotPool.RunAsync(Workers, slot =>
        {
            // Its own silo while that is alive, else the next live one after it: the slot's work moves, evenly.
            var live = _run.Liveness.Active(fresh: generations[slot] > 0);
            if (live.Count == 0) throw new ClusterException("the cluster has no live silo left: the job cannot go on");
            var home = _homes[slot];
            var silo = live.Contains(home) ? home : live[(slot + generations[slot]) % live.Count];
            var key = SlotKey.Format(run, slot, generations[slot]++, silo);
            return ClusterWorker.Start(_run, key, silo, job.Name);
        }, !NeedsBytes, _observer, job, chunks, done, stats, cancellationToken);
    }

    private static SlotInfo? Describe(IMapSlotGrain probe, SiloAddress silo, out string why)
    {
        why = "";
        try
        {
            var call = probe.DescribeAsync();
            if (call.Wait(ProbeTimeout)) return call.Result;
            why = $"silo {silo} did not answer within {ProbeTimeout.TotalSeconds:0} s";
        }
        catch (AggregateException e)
        {
            why = $"silo {silo} cannot run Braid's map: {Hosting.SiloHost.OneLine(e.InnerException ?? e)}";
        }
        return null;
    }

    /// <summary>How long a silo may take to answer its probe before it is left out of the job.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);
}
