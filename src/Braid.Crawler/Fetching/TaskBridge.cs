namespace Braid.Crawler.Fetching;

/// <summary>
/// Runs a Task-returning call from a strand (Braid has no Task bridge yet, so this is <see cref="Loop.Cancellable(Task)"/>
/// plus a token): when the strand is cancelled it stops waiting at once, and the token tells the Task to stop too,
/// so a cancelled crawl does not leave requests running behind it.
/// </summary>
internal static class TaskBridge
{
    public static async Coroutine<T> Run<T>(Func<CancellationToken, Task<T>> start)
    {
        var cts = new CancellationTokenSource();
        var task = start(cts.Token);
        try
        {
            var result = await Loop.Cancellable(task);
            cts.Dispose();
            return result;
        }
        catch (CancelledException)
        {
            cts.Cancel();
            // Observe the abandoned task's end (and its exception) before dropping the token source.
            _ = task.ContinueWith(static (_, s) => ((CancellationTokenSource)s!).Dispose(), cts, TaskScheduler.Default);
            throw;
        }
    }
}
