using Braid.Reporting;
using Braid.Reporting.Bench;

namespace Braid.Benchmarks.Runtime;

/// <summary>
/// <c>braid bench runtime</c>: context switch, spawn+join and memory per parked coroutine for Braid's kernel, measured
/// in one run beside (a) async/await on Task with a single-thread SynchronizationContext, (b) Task on the thread pool,
/// (c) OS threads, and the peers that are installed.
/// </summary>
public static class RuntimeBenchmark
{
    /// <summary>The sizes of one run.</summary>
    public sealed record Sizes(int SwitchRounds, int Spawns, int ThreadSpawns, int ThreadRounds, int Parked, int Repeats)
    {
        /// <summary>The full run named by the issue: 1,000,000 spawns, 10,000 threads.</summary>
        public static Sizes Full => new(1_000_000, 1_000_000, 10_000, 50_000, 100_000, 5);

        /// <summary>A short run for <c>--quick</c> and the tour.</summary>
        public static Sizes Quick => new(200_000, 200_000, 2_000, 10_000, 20_000, 5);
    }

    /// <summary>Runs every measurement and returns the figures and ratios.</summary>
    public static BenchResults Run(Sizes sizes, bool peers, IProgressReporter? progress = null)
    {
        progress ??= ProgressReporter.None;
        var steps = peers ? 4 : 3;
        var results = new BenchResults("runtime");
        progress.Report("context switch: Braid, Task, thread pool, OS threads", ProgressReporter.Fraction(0, steps));
        var braidSwitch = Switch(results, "braid coroutine", sizes.SwitchRounds, sizes.Repeats, BraidProbes.PingPong);
        var taskSwitch = Switch(results, "task, single-thread context (a)", sizes.SwitchRounds, sizes.Repeats, TaskProbes.PingPongSingleThread);
        Switch(results, "task, thread pool (b)", sizes.SwitchRounds, sizes.Repeats, TaskProbes.PingPongThreadPool);
        Switch(results, "os thread (c)", sizes.ThreadRounds, sizes.Repeats, rounds => ThreadProbes.PingPong(rounds));

        progress.Report($"spawn + join of {sizes.Spawns:N0}: Braid, Task, thread pool; {sizes.ThreadSpawns:N0} OS threads", ProgressReporter.Fraction(1, steps));
        var braidSpawn = Spawn(results, "braid coroutine", sizes.Spawns, sizes.Repeats, n => BraidProbes.SpawnJoin(n));
        var taskSpawn = Spawn(results, "task, single-thread context (a)", sizes.Spawns, sizes.Repeats, n => TaskProbes.SpawnJoinSingleThread(n));
        Spawn(results, "task, thread pool (b)", sizes.Spawns, sizes.Repeats, n => TaskProbes.SpawnJoinThreadPool(n));
        Spawn(results, "os thread (c)", sizes.ThreadSpawns, sizes.Repeats, ThreadProbes.SpawnJoin);

        progress.Report("memory per parked coroutine", ProgressReporter.Fraction(2, steps));
        var braidBytes = results.Add("bytes per parked", "braid coroutine", BraidProbes.BytesPerParked(sizes.Parked), "B");
        var taskBytes = results.Add("bytes per parked", "task, single-thread context (a)", TaskProbes.BytesPerParked(sizes.Parked), "B");

        results.AddRatio("switch: task (a) / braid", taskSwitch / braidSwitch, 2, "how many Braid switches fit in one Task.Yield switch");
        results.AddRatio($"spawn+join: task (a) / braid", taskSpawn / braidSpawn, 2, "Braid spawn+join speed-up over async Task");
        results.AddRatio("parked bytes: 120 B / braid", 120 / braidBytes, 1, $"at most 120 B per parked coroutine (Task: {taskBytes:0} B)");

        if (peers)
        {
            progress.Report("peers (asyncio, trio, greenlet, Go)", ProgressReporter.Fraction(3, steps));
            foreach (var peer in RuntimePeers.Run(sizes.SwitchRounds, sizes.Spawns, results))
            {
                results.Add("context switch", peer.Peer, peer.SwitchNs, "ns");
                results.Add("spawn + join", peer.Peer, peer.SpawnJoinNs, "ns");
                if (peer.ChannelSwitchNs is { } channel) results.Add("context switch", $"{peer.Peer} (unbuffered channel)", channel, "ns");
                results.AddRatio($"switch: {peer.Peer} / braid", peer.SwitchNs / braidSwitch, null, $"{peer.Peer} switch cost in Braid switches");
            }
        }
        return results;
    }

    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(0.5);

    private static double Switch(BenchResults results, string subject, int rounds, int repeats, Action<int> pingPong)
    {
        Measure.WarmUp(WarmUpTime, () => pingPong(rounds));
        var best = Measure.Best(repeats, () => pingPong(rounds));
        return results.Add("context switch", subject, Measure.NanosPer(best, 2L * rounds), "ns");
    }

    private static double Spawn(BenchResults results, string subject, int count, int repeats, Action<int> spawnJoin)
    {
        Measure.WarmUp(WarmUpTime, () => spawnJoin(count));
        var best = Measure.Best(repeats, () => spawnJoin(count));
        return results.Add("spawn + join", subject, Measure.NanosPer(best, count), "ns");
    }
}
