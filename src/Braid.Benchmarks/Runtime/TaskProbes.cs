using Braid.Benchmarks.Baselines;

namespace Braid.Benchmarks.Runtime;

/// <summary>The same measurements on .NET's own async/await: (a) on a single-thread context, (b) on the thread pool.</summary>
public static class TaskProbes
{
    private static async Task<int> Child()
    {
        await Task.Yield();
        return 1;
    }

    private static async Task YieldMany(int rounds)
    {
        for (var i = 0; i < rounds; i++) await Task.Yield();
    }

    private static async Task Parked(Task release) => await release;

    /// <summary>(a) Two tasks ping-pong through Task.Yield on one thread.</summary>
    public static void PingPongSingleThread(int rounds) => SingleThreadContext.Run(async () =>
    {
        await Task.WhenAll(YieldMany(rounds), YieldMany(rounds));
        return 0;
    });

    /// <summary>(b) Two tasks yield through the thread pool.</summary>
    public static void PingPongThreadPool(int rounds) => Task.Run(() => Task.WhenAll(YieldMany(rounds), YieldMany(rounds))).Wait();

    /// <summary>(a) Starts <paramref name="count"/> async tasks that yield once, then awaits each.</summary>
    public static int SpawnJoinSingleThread(int count) => SingleThreadContext.Run(async () =>
    {
        var tasks = new Task<int>[count];
        for (var i = 0; i < count; i++) tasks[i] = Child();
        var sum = 0;
        for (var i = 0; i < count; i++) sum += await tasks[i];
        return sum;
    });

    /// <summary>(b) Queues <paramref name="count"/> work items with Task.Run, then awaits each.</summary>
    public static int SpawnJoinThreadPool(int count) => Task.Run(async () =>
    {
        var tasks = new Task<int>[count];
        for (var i = 0; i < count; i++) tasks[i] = Task.Run(Child);
        var sum = 0;
        for (var i = 0; i < count; i++) sum += await tasks[i];
        return sum;
    }).Result;

    /// <summary>(a) Bytes allocated per async Task parked on a TaskCompletionSource.</summary>
    public static double BytesPerParked(int count) => SingleThreadContext.Run(async () =>
    {
        await ParkAll(count); // warm up
        return await ParkAll(count) / count;
    });

    /// <summary>Parks <paramref name="count"/> async tasks on one TaskCompletionSource, releases them; returns the bytes the parking allocated.</summary>
    private static async Task<double> ParkAll(int count)
    {
        var release = new TaskCompletionSource();
        var tasks = new Task[count];
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < count; i++) tasks[i] = Parked(release.Task);
        double bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        release.SetResult();
        await Task.WhenAll(tasks);
        return bytes;
    }
}
