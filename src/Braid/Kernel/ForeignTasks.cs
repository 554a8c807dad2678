namespace Braid;

/// <summary>Cancellable waits on Tasks: the strand parks on a site that cancellation may abandon; a late completion is ignored.</summary>
internal static class ForeignTasks
{
    public static async Coroutine Cancellable(Task task)
    {
        if (!task.IsCompleted) await new TaskSite(task).Park();
        await task; // completed: rethrows its exception, if any, without blocking
    }

    public static async Coroutine<T> Cancellable<T>(Task<T> task)
    {
        if (!task.IsCompleted) await new TaskSite(task).Park();
        return await task;
    }

    /// <summary>One wait on one task: the task's continuation posts a wake-up unless the wait was abandoned.</summary>
    private sealed class TaskSite(Task task) : IWaitSite
    {
        private Kernel? _kernel;
        private Strand? _strand;

        public ParkAwaitable Park()
        {
            _kernel = Kernel.Require();
            _strand = _kernel.CurrentOrThrow();
            _kernel.PrepareToPark(_strand, this);
            _kernel.Outstanding++;
            task.ContinueWith(static (_, state) => ((TaskSite)state!).Completed(), this, TaskScheduler.Default);
            return default;
        }

        private void Completed() => _kernel!.Inbox.Post(() =>
        {
            _kernel.Outstanding--;
            if (_strand!.Site == this) _kernel.Wake(_strand);
        });

        public bool Abort(Strand strand) => true; // the late completion above sees Site != this and does nothing

        public string Describe() => "a Task (cancellable wait)";
    }
}
