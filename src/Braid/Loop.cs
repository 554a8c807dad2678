using System.Runtime.ExceptionServices;

namespace Braid;

/// <summary>
/// Braid's runtime: run a loop, spawn strands, yield, sleep, read the clock. Everything here runs on the loop that
/// <see cref="Run(Func{Coroutine}, RunOptions?)"/> starts on the calling thread.
/// </summary>
public static class Loop
{
    /// <summary>
    /// Runs <paramref name="main"/> on a new loop on this thread until it and every strand it left running have
    /// finished (leftovers are cancelled when main returns). Rethrows main's exception; throws
    /// <see cref="DeadlockException"/> if everything blocks forever.
    /// </summary>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)] // an async lambda fits Func<Task> too: it becomes a coroutine
    public static void Run(Func<Coroutine> main, RunOptions? options = null) => RunCore<VoidResult>(main, options);

    /// <summary>Runs <paramref name="main"/> like <see cref="Run(Func{Coroutine}, RunOptions?)"/> and returns its result.</summary>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public static T Run<T>(Func<Coroutine<T>> main, RunOptions? options = null) => RunCore<T>(main, options);

    /// <summary>
    /// Runs plain Task code on a new loop on this thread: <paramref name="main"/> starts on the loop's
    /// <see cref="TaskScheduler"/>, and its awaits come back to the loop through the loop's SynchronizationContext, one
    /// thread, in the loop's order (seeded in deterministic mode). Otherwise like <see cref="Run(Func{Coroutine}, RunOptions?)"/>.
    /// </summary>
    public static void Run(Func<Task> main, RunOptions? options = null) =>
        Run(async () => await StartOnLoop(main).Unwrap(), options);

    /// <summary>Runs plain Task code like <see cref="Run(Func{Task}, RunOptions?)"/> and returns its result.</summary>
    public static T Run<T>(Func<Task<T>> main, RunOptions? options = null) =>
        Run(async () => await StartOnLoop(main).Unwrap(), options);

    private static Task<TTask> StartOnLoop<TTask>(Func<TTask> main) =>
        Task.Factory.StartNew(main, CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler);

    private static T RunCore<T>(Delegate main, RunOptions? options)
    {
        options ??= new RunOptions();
        var kernel = new Kernel(options);
        var strand = kernel.Run<T>(main);
        var escapes = kernel.TaskContext.Escapes;
        if (escapes.Count > 0 && !options.AllowTaskEscapes && (options.Seed is not null || options.VirtualTime || options.Chooser is not null))
        {
            throw new TaskEscapeException(escapes, strand.Exception);
        }
        if (strand.Exception is { } error) ExceptionDispatchInfo.Capture(error).Throw();
        var unobserved = kernel.UnobservedFailures().ToList();
        if (unobserved.Count > 0) throw new AggregateException("Strands spawned with Loop.Spawn failed and nobody joined them.", unobserved);
        return strand.Result;
    }

    /// <summary>True when the calling thread is running a loop.</summary>
    public static bool IsRunning => Kernel.Current is not null;

    /// <summary>
    /// The loop's clock as a TimeProvider: loop time, and timers on the loop's timer heap whose callbacks run on the
    /// loop. On virtual time, Task.Delay, CancelAfter and timeouts given it take no real time and replay with the seed.
    /// </summary>
    public static TimeProvider TimeProvider => Kernel.Require().TimeProvider;

    /// <summary>The TaskScheduler that runs tasks on this loop, one at a time, in the loop's order.</summary>
    public static TaskScheduler TaskScheduler => Kernel.Require().TaskScheduler;

    /// <summary>Continuations of plain Task code that came back to this loop from other threads so far (see <see cref="Braid.TaskEscapes"/>).</summary>
    public static TaskEscapes TaskEscapes => Kernel.Require().TaskContext.Escapes;

    /// <summary>The strand running now.</summary>
    public static Strand CurrentStrand => Kernel.Require().CurrentOrThrow();

    /// <summary>The loop clock: time since the loop started (virtual in deterministic runs).</summary>
    public static TimeSpan Now => TimeSpan.FromTicks(Kernel.Require().Now);

    /// <summary>
    /// Spawns a background strand (curio's spawn): it runs beside the caller, can be joined with <c>await</c>, and is
    /// cancelled when main returns. Its failure surfaces where it is joined, or from <see cref="Run(Func{Coroutine}, RunOptions?)"/> if nobody joins it.
    /// Prefer a <see cref="TaskGroup"/>, which cannot leak strands.
    /// </summary>
    public static Strand Spawn(Func<Coroutine> body, string? name = null)
    {
        var kernel = Kernel.Require();
        return kernel.Spawn<VoidResult>(body, kernel.RootScope, name);
    }

    /// <summary>Spawns a background strand whose result is joined with <c>await</c>.</summary>
    public static Strand<T> Spawn<T>(Func<Coroutine<T>> body, string? name = null)
    {
        var kernel = Kernel.Require();
        return kernel.Spawn<T>(body, kernel.RootScope, name);
    }

    /// <summary>A checkpoint: lets every other runnable strand run, then throws <see cref="CancelledException"/> if cancelled.</summary>
    public static YieldAwaitable Yield() => default;

    /// <summary>Sleeps for <paramref name="delay"/> on the loop clock (a cancellation point).</summary>
    public static ParkAwaitable Sleep(TimeSpan delay)
    {
        var kernel = Kernel.Require();
        return SleepUntil(TimeSpan.FromTicks(kernel.Now) + (delay < TimeSpan.Zero ? TimeSpan.Zero : delay));
    }

    /// <summary>Sleeps until the loop clock reads <paramref name="deadline"/> (a cancellation point).</summary>
    public static ParkAwaitable SleepUntil(TimeSpan deadline)
    {
        var kernel = Kernel.Require();
        var strand = kernel.CurrentOrThrow();
        kernel.PrepareToPark(strand, kernel.Timers);
        kernel.Timers.Arm(deadline.Ticks, strand);
        return ParkAwaitable.Parked(strand);
    }

    /// <summary>Runs <paramref name="body"/>, cancelling it after <paramref name="delay"/>; returns false if it was cut short (Trio's move_on_after).</summary>
    public static async Coroutine<bool> MoveOnAfter(TimeSpan delay, Func<Coroutine> body)
    {
        var scope = new CancelScope { Deadline = Now + delay };
        await scope.RunAsync(body);
        return !scope.CancelledCaught;
    }

    /// <summary>Runs <paramref name="body"/>; throws <see cref="TooSlowException"/> if it does not finish within <paramref name="delay"/> (Trio's fail_after).</summary>
    public static async Coroutine FailAfter(TimeSpan delay, Func<Coroutine> body)
    {
        if (!await MoveOnAfter(delay, body)) throw new TooSlowException(delay);
    }

    /// <summary>Runs <paramref name="body"/> and returns its result; throws <see cref="TooSlowException"/> if it takes longer than <paramref name="delay"/>.</summary>
    public static async Coroutine<T> FailAfter<T>(TimeSpan delay, Func<Coroutine<T>> body)
    {
        var scope = new CancelScope { Deadline = Now + delay };
        var result = await scope.RunAsync(body);
        if (scope.CancelledCaught) throw new TooSlowException(delay);
        return result!;
    }

    /// <summary>Awaits a Task in a way cancellation can interrupt (a plain <c>await task</c> waits for the task regardless).</summary>
    public static Coroutine Cancellable(Task task) => ForeignTasks.Cancellable(task);

    /// <summary>Awaits a Task in a way cancellation can interrupt, and returns its result.</summary>
    public static Coroutine<T> Cancellable<T>(Task<T> task) => ForeignTasks.Cancellable(task);

    /// <summary>
    /// A handle through which other threads call into this loop. While any handle is open, an idle loop waits for
    /// calls instead of reporting a deadlock; dispose it when the other threads are done.
    /// </summary>
    public static LoopHandle OpenHandle() => new(Kernel.Require());
}
