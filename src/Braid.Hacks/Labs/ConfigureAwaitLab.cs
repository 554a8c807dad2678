namespace Braid.Hacks.Labs;

/// <summary>
/// ConfigureAwait(false) on a single-threaded context (a Braid loop): it does not mean "go to the thread pool", it
/// means "do not come back to the captured context". A task completed on the thread pool continues there; and one
/// completed on the loop leaves too: the runtime does not run a ConfigureAwait(false) continuation inline on a thread
/// that has a SynchronizationContext of its own, it queues it to the thread pool. Either way the method has left the
/// loop, and Braid counts the escape when its caller comes back.
/// </summary>
internal sealed class ConfigureAwaitLab : IHackLab
{
    public string Name => "configure-await";

    public string Summary => "ConfigureAwait(false) on a single-threaded context: the rest of the method leaves the loop, always, and Braid counts it";

    internal sealed record Observation(bool PlainBackOnLoop, bool FalseOffLoop, bool FalseLoopTaskOffLoopToo, int Escapes, string Where);

    internal static Observation Observe() => Loop.Run(async Task<Observation> () =>
    {
        var loop = Environment.CurrentManagedThreadId;
        await OffTheLoop.OnceBlocked(Thread.CurrentThread, 0);
        var plain = Environment.CurrentManagedThreadId == loop && Loop.IsRunning;
        var (offLoop, noContext) = await LeavesTheLoop();
        var leavesToo = await LeavesEvenFromALoopTask(loop);
        var escapes = Loop.TaskEscapes;
        return new Observation(plain, offLoop && noContext, leavesToo, escapes.Count, escapes.ToString());
    }, new RunOptions { AllowTaskEscapes = true });

    private static async Task<(bool OffLoop, bool NoContext)> LeavesTheLoop()
    {
        var loop = Environment.CurrentManagedThreadId;
        await OffTheLoop.OnceBlocked(Thread.CurrentThread, 0).ConfigureAwait(false);
        return (Environment.CurrentManagedThreadId != loop && !Loop.IsRunning, SynchronizationContext.Current is null);
    }

    private static async Task<bool> LeavesEvenFromALoopTask(int loop)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(1), Loop.TimeProvider).ConfigureAwait(false); // completed by the loop's own timer
        return Environment.CurrentManagedThreadId != loop;
    }

    public LabResult Run()
    {
        var o = Observe();
        return new LabResult($"plain await: back on the loop; ConfigureAwait(false): off it; {o.Escapes} escapes counted",
        [
            $"await Task.Run(...): resumed on the loop thread: {o.PlainBackOnLoop} (the loop's SynchronizationContext was captured and the continuation posted back)",
            $"await Task.Run(...).ConfigureAwait(false): resumed on a thread-pool thread, with no SynchronizationContext and no Braid loop: {o.FalseOffLoop}",
            $"await Task.Delay(1 ms, Loop.TimeProvider).ConfigureAwait(false), a task the loop itself completes: off the loop too: {o.FalseLoopTaskOffLoopToo} " +
            "(the runtime never inlines a ConfigureAwait(false) continuation on a thread with its own SynchronizationContext: it queues it to the thread pool)",
            $"Braid's count: {o.Where}",
            "In a deterministic run those escapes fail the run (TaskEscapeException): their timing is real time, not the seed's.",
        ]);
    }
}
