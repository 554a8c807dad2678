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
    public TimeSpan PingPong(int rounds)
    {
        // Each hop is a work item that queues the next one: the latency of a wake-up through the pool's queue.
        using var done = new ManualResetEventSlim(false);
        var hops = 2 * rounds;
        var left = hops;
        void Hop(object? _)
        {
            if (--left == 0) done.Set();
            else ThreadPool.UnsafeQueueUserWorkItem(Hop, null);
        }
        var clock = Stopwatch.StartNew();
        ThreadPool.UnsafeQueueUserWorkItem(Hop, null);
        done.Wait();
        return clock.Elapsed;
    }
}
