using System.Diagnostics;

namespace Braid.Overheads.Units;

/// <summary>An OS thread (<see cref="Thread"/>): memory is the RSS delta, switches go through kernel events.</summary>
public sealed class OsThreadUnit : IConcurrencyUnit
{
    /// <inheritdoc />
    public string Name => "OS thread";

    /// <inheritdoc />
    public int MaxUnits(bool quick) => quick ? 1_000 : 10_000;

    /// <inheritdoc />
    public CreateJoinResult CreateJoin(int n)
    {
        var completed = 0;
        var clock = Stopwatch.StartNew();
        var threads = new Thread[n];
        for (var i = 0; i < n; i++)
        {
            threads[i] = new Thread(() => Interlocked.Increment(ref completed));
            threads[i].Start();
        }
        foreach (var t in threads) t.Join();
        return new(clock.Elapsed, Volatile.Read(ref completed));
    }

    /// <inheritdoc />
    public MemoryFigure MemoryPerUnit(int n)
    {
        using var release = new ManualResetEvent(false);
        using var started = new CountdownEvent(n);
        Settle();
        var before = ProcMemory.SelfRss();
        var threads = new Thread[n];
        for (var i = 0; i < n; i++)
        {
            threads[i] = new Thread(() => { started.Signal(); release.WaitOne(); }) { IsBackground = true };
            threads[i].Start();
        }
        started.Wait();
        var after = ProcMemory.SelfRss();
        release.Set();
        foreach (var t in threads) t.Join();
        return new((after - before) / (double)n, "RSS delta");
    }

    /// <inheritdoc />
    public TimeSpan PingPong(int rounds, Action<int>? echoed = null)
    {
        var clock = Stopwatch.StartNew();
        Braid.Benchmarks.Runtime.ThreadProbes.PingPong(rounds, echoed); // the runtime benchmark's (c): two kernel events
        return clock.Elapsed;
    }

    internal static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
