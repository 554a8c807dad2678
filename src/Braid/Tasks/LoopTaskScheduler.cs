namespace Braid;

/// <summary>
/// The TaskScheduler of a Braid loop (<see cref="Loop.TaskScheduler"/>): a task queued here runs on the loop thread as a
/// strand of its own, in the order the loop's scheduler chooses. Tasks started with Task.Factory.StartNew inside Task
/// code that began on the loop land here too, since it is then TaskScheduler.Current.
/// </summary>
internal sealed class LoopTaskScheduler(LoopSynchronizationContext context) : TaskScheduler
{
    public override int MaximumConcurrencyLevel => 1;

    protected override void QueueTask(Task task) => context.Schedule(() => TryExecuteTask(task), null, null);

    // Inline only on the loop thread: elsewhere the task must wait for its turn on the loop.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        !taskWasPreviouslyQueued && context.OnLoopThread && TryExecuteTask(task);

    protected override IEnumerable<Task>? GetScheduledTasks() => null;
}
