namespace Braid.Hacks.Labs;

/// <summary>
/// Thread-pool work that finishes only once a given thread blocks: awaited on that thread, it is certain to be
/// unfinished at the await (the thread blocks only after suspending), so the labs show what they claim on every run
/// instead of when the timing happens to suit.
/// </summary>
internal static class OffTheLoop
{
    public static Task<T> OnceBlocked<T>(Thread thread, T value) => Task.Run(() =>
    {
        if (!SpinWait.SpinUntil(() => (thread.ThreadState & ThreadState.WaitSleepJoin) != 0, TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException($"{thread.Name ?? "the thread"} never blocked");
        }
        return value;
    });
}
