using System.Diagnostics;

namespace Braid.Overheads.Units;

/// <summary>A work item on the .NET thread pool: memory is the bytes allocated per queued item.</summary>
public sealed class ThreadPoolUnit : IConcurrencyUnit
{
    /// <inheritdoc />
    public string Name => "thread-pool work item";

    /// <inheritdoc />
    public int MaxUnits(bool quick) => 10_000;

    /// <inheritdoc />
    public CreateJoinResult CreateJoin(int n)
    {
        var counter = new Counter(n);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static c => c.Done(), counter, preferLocal: false);
        }
        counter.All.Wait();
        var elapsed = clock.Elapsed;
        counter.All.Dispose();
        return new(elapsed, counter.Completed);
    }

    /// <summary>Counts finished items and signals when all have.</summary>
    private sealed class Counter(int n)
    {
        private int _completed;

        public ManualResetEventSlim All { get; } = new(false);

        public int Completed => Volatile.Read(ref _completed);

        public void Done()
        {
            if (Interlocked.Increment(ref _completed) == n) All.Set();
        }
    }

    /// <inheritdoc />
    public MemoryFigure MemoryPerUnit(int n)
    {
        using var done = new CountdownEvent(n);
        OsThreadUnit.Settle();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < n; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static d => d.Signal(), done, preferLocal: false);
        }
        var after = GC.GetTotalAllocatedBytes(precise: true);
        done.Wait();
        return new((after - before) / (double)n, "allocated bytes");
    }

    /// <inheritdoc />
    public TimeSpan PingPong(int rounds, Action<int>? echoed = null)
    {
        // Each hop is a work item that queues the next one: the latency of a wake-up through the pool's queue. Hop h
        // carries h: round i goes out as hop 2i and comes back as hop 2i + 1, carrying its message i.
        using var done = new ManualResetEventSlim(false);
        var hops = 2 * rounds;
        void Hop(int hop)
        {
            if (hop % 2 == 1) echoed?.Invoke(hop / 2);
            if (hop + 1 == hops) done.Set();
            else ThreadPool.UnsafeQueueUserWorkItem(Hop, hop + 1, preferLocal: false);
        }
        var clock = Stopwatch.StartNew();
        ThreadPool.UnsafeQueueUserWorkItem(Hop, 0, preferLocal: false);
        done.Wait();
        return clock.Elapsed;
    }
}
