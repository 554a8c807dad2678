using Braid.Reporting;
using Braid.Reporting.Bench;

namespace Braid.Benchmarks.Primitives;

/// <summary>
/// <c>braid bench primitives</c>: Braid's locks, semaphores, events and channels against SemaphoreSlim,
/// System.Threading.Channels (on one thread and on the thread pool) and the peers (Go, asyncio, trio). Every figure
/// is operations or items per second, best of a few runs; the ratios compare figures of the same run.
/// </summary>
public static class PrimitivesBenchmark
{
    /// <summary>Runs the suite; <paramref name="progress"/> hears which benchmark is running.</summary>
    public static BenchResults Run(bool quick, bool peers = true, IProgressReporter? progress = null)
    {
        progress ??= ProgressReporter.None;
        var results = new BenchResults("primitives");
        var runs = quick ? 2 : 4;
        var ops = quick ? 500_000 : 2_000_000;
        var items = quick ? 1_000_000 : 4_000_000;
        // Measures one figure, saying first what it measures and how far the suite is (figures taken of the 19).
        void Add(string benchmark, string subject, long n, Action body, string unit)
        {
            progress.Report($"{benchmark}: {subject}", ProgressReporter.Fraction(results.Measurements.Count, Figures));
            results.Add(benchmark, subject, Measure.Rate(n, runs, body), unit);
        }

        Add("lock uncontended", "braid Lock", ops, () => BraidBenches.LockUncontended(ops), "ops/s");
        Add("lock uncontended", "SemaphoreSlim(1) Wait/Release", ops, () => DotNetBaselines.SemaphoreSlimUncontended(ops), "ops/s");
        Add("lock contended (4 waiters)", "braid Lock", ops / 4, () => BraidBenches.LockContended(ops / 4), "ops/s");
        Add("lock contended (4 waiters)", "SemaphoreSlim(1) WaitAsync, one thread", ops / 4, () => DotNetBaselines.SemaphoreSlimContended(ops / 4), "ops/s");
        Add("semaphore uncontended", "braid Semaphore", ops, () => BraidBenches.SemaphoreUncontended(ops), "ops/s");
        Add("semaphore uncontended", "SemaphoreSlim(4) WaitAsync, one thread", ops, () => DotNetBaselines.SemaphoreSlimAsyncUncontended(ops), "ops/s");
        Add("event set + wake", "braid Event", ops / 10, () => BraidBenches.EventSetWait(ops / 10), "ops/s");
        Add("event set + wake", "TaskCompletionSource, one thread", ops / 10, () => DotNetBaselines.TaskCompletionSourceSetWait(ops / 10), "ops/s");

        Channels("channel 1p/1c bounded(1024)", items, Add, 1024, 1, 1);
        Channels("channel 4p/4c bounded(1024)", items, Add, 1024, 4, 4);
        Channels("channel 1p/1c unbounded", items, Add, null, 1, 1);
        // Rendezvous: every item is a meeting. STC has no capacity 0; its nearest is bounded(1).
        var meet = items / 4;
        Add("channel 1p/1c rendezvous", "braid rendezvous", meet, () => BraidBenches.Channel(meet, 0, 1, 1), "items/s");
        Add("channel 1p/1c rendezvous", "STC bounded(1), one thread", meet, () => DotNetBaselines.Channel(meet, 1, 1, 1, singleThread: true), "items/s");

        if (peers)
        {
            progress.Report("peers (Go, asyncio, trio)", ProgressReporter.Fraction(results.Measurements.Count, Figures));
            PeerBenches.Run(results, quick);
        }
        AddRatios(results);
        return results;
    }

    private static void Channels(string benchmark, int items, Action<string, string, long, Action, string> add, int? capacity, int producers, int consumers)
    {
        var kind = capacity is { } c ? $"bounded({c})" : "unbounded";
        add(benchmark, $"braid {kind}", items, () => BraidBenches.Channel(items, capacity, producers, consumers), "items/s");
        add(benchmark, $"STC {kind}, one thread", items, () => DotNetBaselines.Channel(items, capacity, producers, consumers, singleThread: true), "items/s");
        add(benchmark, $"STC {kind}, thread pool", items, () => DotNetBaselines.Channel(items, capacity, producers, consumers, singleThread: false), "items/s");
    }

    /// <summary>The figures of Braid and .NET the suite takes (the peers add theirs).</summary>
    private const int Figures = 19;

    private static void AddRatios(BenchResults r)
    {
        void Ratio(string name, string benchmark, string braid, string baseline, double? target, string meaning)
        {
            if (r.Find(benchmark, braid) is { } a && r.Find(benchmark, baseline) is { } b && b > 0) r.AddRatio(name, a / b, target, meaning);
        }
        Ratio("channel 1p/1c: braid / STC one thread", "channel 1p/1c bounded(1024)", "braid bounded(1024)", "STC bounded(1024), one thread", 2.0,
            "Braid's bounded channel against System.Threading.Channels on a single-thread context (issue target: 2x)");
        Ratio("channel 1p/1c: braid / go GOMAXPROCS=1", "channel 1p/1c bounded(1024)", "braid bounded(1024)", "go chan, GOMAXPROCS=1 buffered(1024)", 1.0,
            "Braid's bounded channel against Go's buffered channel on one OS thread (issue target: ahead)");
        Ratio("channel 4p/4c: braid / STC one thread", "channel 4p/4c bounded(1024)", "braid bounded(1024)", "STC bounded(1024), one thread", null, "four producers, four consumers");
        Ratio("channel unbounded: braid / STC one thread", "channel 1p/1c unbounded", "braid unbounded", "STC unbounded, one thread", null, "unbounded, one producer, one consumer");
        Ratio("rendezvous: braid / STC bounded(1)", "channel 1p/1c rendezvous", "braid rendezvous", "STC bounded(1), one thread", null, "every item a hand-over between strands");
        Ratio("channel 1p/1c: braid / asyncio.Queue", "channel 1p/1c bounded(1024)", "braid bounded(1024)", "python asyncio.Queue(1024)", null, "against Python's asyncio");
        Ratio("channel 1p/1c: braid / trio", "channel 1p/1c bounded(1024)", "braid bounded(1024)", "python trio memory channel(1024)", null, "against trio's memory channel");
        Ratio("event: braid / TaskCompletionSource", "event set + wake", "braid Event", "TaskCompletionSource, one thread", null, "a fresh one-shot event per round, set while a waiter parks on it");
        Ratio("lock contended: braid / SemaphoreSlim", "lock contended (4 waiters)", "braid Lock", "SemaphoreSlim(1) WaitAsync, one thread", null, "hand-off between four waiters on one thread");
    }
}
