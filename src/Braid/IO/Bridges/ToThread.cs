using System.Runtime.CompilerServices;

namespace Braid.IO;

/// <summary>
/// Runs blocking code on a thread and awaits it from a strand (Trio's to_thread.run_sync, asyncio's run_in_executor):
/// the loop keeps running other strands meanwhile. At most <see cref="DefaultLimiter"/>'s tokens worth of threads
/// (40, as Trio) run at once per loop unless another <see cref="CapacityLimiter"/> is given.
/// </summary>
/// <remarks>
/// Cancellation abandons the wait at once: the strand leaves with <see cref="CancelledException"/>, the thread runs on
/// to the end and its result is discarded. Its token is returned only when the thread really finishes, so the limit
/// bounds running threads, abandoned ones included. Each call gets a dedicated thread (a blocking call would starve
/// the thread pool, which grows slowly).
/// </remarks>
public static class ToThread
{
    /// <summary>The default limit of threads per loop, as Trio's.</summary>
    public const int DefaultLimit = 40;

    private static readonly ConditionalWeakTable<Kernel, CapacityLimiter> s_limiters = new();

    /// <summary>The current loop's default limiter (<see cref="DefaultLimit"/> tokens; its total can be changed).</summary>
    public static CapacityLimiter DefaultLimiter =>
        s_limiters.GetValue(Kernel.Require(), _ => new CapacityLimiter(DefaultLimit, "to-thread"));

    /// <summary>Runs <paramref name="work"/> on a thread and returns its result; a cancellation point.</summary>
    public static async Coroutine<T> RunAsync<T>(Func<T> work, CapacityLimiter? limiter = null)
    {
        var kernel = Kernel.Require();
        limiter ??= DefaultLimiter;
        var token = new object();
        await limiter.AcquireOnBehalfOf(token);
        // Counted outstanding until the thread ends (even if abandoned): a strand waiting for its token is then
        // waiting on the outside world, not deadlocked.
        kernel.Outstanding++;
        var task = Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _ = task.ContinueWith(
            _ => kernel.Inbox.Post(() =>
            {
                kernel.Outstanding--;
                limiter.ReleaseOnBehalfOf(token);
            }),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return await Loop.Cancellable(task);
    }

    /// <summary>Runs <paramref name="work"/> on a thread; a cancellation point.</summary>
    public static async Coroutine RunAsync(Action work, CapacityLimiter? limiter = null) =>
        await RunAsync(() =>
        {
            work();
            return true;
        }, limiter);
}
