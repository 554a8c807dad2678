namespace Braid;

/// <summary>Cancellable waits on Tasks: the strand parks on an abortable <see cref="ForeignWait"/>.</summary>
internal static class ForeignTasks
{
    public static async Coroutine Cancellable(Task task)
    {
        if (!task.IsCompleted) await Park(task);
        await task; // completed: rethrows its exception, if any, without blocking
    }

    public static async Coroutine<T> Cancellable<T>(Task<T> task)
    {
        if (!task.IsCompleted) await Park(task);
        return await task;
    }

    private static ParkAwaitable Park(Task task)
    {
        var wait = ForeignWait.Begin(Kernel.Require(), abortable: true);
        task.ContinueWith(static (_, state) => ((ForeignWait)state!).OnForeignCompleted(), wait, TaskScheduler.Default);
        return ParkAwaitable.Parked(Kernel.Require().CurrentOrThrow());
    }
}
