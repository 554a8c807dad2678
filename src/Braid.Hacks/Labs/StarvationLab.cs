using System.Diagnostics;

namespace Braid.Hacks.Labs;

/// <summary>
/// Thread-pool starvation: work items that block their thread (sync over async on the pool) use up the pool's
/// threads, and the next items wait until the pool injects more. The pool starts as many threads as it has minimum
/// (one per core) at once, then adds more only slowly. Measured twice: items blocked on a plain event, which the pool
/// cannot see, and items blocked in Task.Wait, which the pool is told of and compensates for sooner. Bounded: every
/// item is released after a few seconds at most, whatever happened.
/// </summary>
internal sealed class StarvationLab : IHackLab
{
    public string Name => "starvation";

    public string Summary => "thread-pool starvation reproduced and measured: how fast the pool injects threads for blocked work items";

    /// <summary>
    /// How one burst went: when each item started (ms after the burst was queued), the pool's threads before (at least
    /// its minimum: that many items can start at once) and after.
    /// </summary>
    internal sealed record Burst(string How, int Items, int MinThreads, int ThreadsBefore, int ThreadsAfter, IReadOnlyList<double> StartedMs, bool AllStarted)
    {
        /// <summary>Threads that could start an item at once: those alive, and at least the pool's minimum.</summary>
        public int Ready => Math.Max(MinThreads, ThreadsBefore);

        /// <summary>Items that started beyond those ready, per second after the ready ones were used up: the injection rate seen.</summary>
        public double InjectedPerSecond
        {
            get
            {
                var late = StartedMs.Skip(Ready).ToList();
                if (late.Count == 0) return double.PositiveInfinity;
                var span = late[^1] - StartedMs[Math.Min(Ready, StartedMs.Count) - 1];
                return late.Count / Math.Max(span / 1000, 1e-3);
            }
        }
    }

    /// <summary>Queues <paramref name="extra"/> more blocking items than the pool has threads ready, and times their starts.</summary>
    internal static Burst Measure(int extra, bool taskWait, TimeSpan cap)
    {
        ThreadPool.GetMinThreads(out var min, out _);
        var before = ThreadPool.ThreadCount;
        var items = Math.Max(min, before) + extra;
        var started = new double[items];
        var count = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var releaseEvent = new ManualResetEventSlim(false);
        var allStarted = new ManualResetEventSlim(false);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < items; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                var n = Interlocked.Increment(ref count);
                started[n - 1] = clock.Elapsed.TotalMilliseconds;
                if (n == items) allStarted.Set();
                if (taskWait) release.Task.Wait(cap); // the pool knows a Task.Wait blocks, and may add a thread for it
                else releaseEvent.Wait(cap); // a plain event: invisible to the pool
            }, null);
        }
        var all = allStarted.Wait(cap);
        var after = ThreadPool.ThreadCount;
        release.SetResult();
        releaseEvent.Set();
        var seen = Volatile.Read(ref count);
        return new Burst(taskWait ? "Task.Wait" : "plain event", items, min, before, after, [.. started.Take(seen).Order()], all);
    }

    public LabResult Run() => Run(extra: 3);

    internal static LabResult Run(int extra)
    {
        var cap = TimeSpan.FromSeconds(5);
        var bursts = new[] { Measure(extra, taskWait: false, cap), Measure(extra, taskWait: true, cap) };
        var lines = new List<string>
        {
            $"The pool's minimum is {bursts[0].MinThreads} worker threads (one per core); each burst queues {extra} items more than the pool has threads ready, each blocking its thread until released.",
        };
        foreach (var b in bursts)
        {
            lines.Add($"blocked on a {b.How}: {b.StartedMs.Count}/{b.Items} started{(b.AllStarted ? "" : $" within {cap.TotalSeconds:0} s")}; " +
                      $"starts at {string.Join(", ", b.StartedMs.Select(ms => $"{ms:0}"))} ms; pool threads {b.ThreadsBefore} -> {b.ThreadsAfter}; " +
                      $"past the {b.Ready} ready: {b.InjectedPerSecond:0.0} threads/s");
        }
        lines.Add("Items past the pool's idle threads wait for injection: the pool adds threads gradually (its starvation " +
                  "detection, not one per queued item); a thread blocked in Task.Wait is one the pool is told of, and it " +
                  "compensates for those sooner. The cure is not more threads: do not block pool threads on async work.");
        return new LabResult($"injected {bursts[0].InjectedPerSecond:0.0} threads/s for plain blocking, {bursts[1].InjectedPerSecond:0.0}/s for Task.Wait", lines);
    }
}
