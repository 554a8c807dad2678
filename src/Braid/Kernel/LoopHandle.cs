namespace Braid;

/// <summary>
/// Lets other threads run work on a loop and await the result: the loop's thread-safe door. Open it on the loop with
/// <see cref="Loop.OpenHandle"/>; use it from any thread; dispose it when done.
/// </summary>
/// <remarks>
/// While a handle is open, a loop whose strands all wait is not reported deadlocked: it waits for calls. A handle does
/// not keep a finished loop alive: once main and every strand it left running have finished, <see cref="Loop.Run(Func{Coroutine}, RunOptions?)"/>
/// returns, and every call through a handle that has not run by then (still queued, or made later) fails its Task
/// with <see cref="InvalidOperationException"/>.
/// </remarks>
public sealed class LoopHandle : IDisposable
{
    private readonly Kernel _kernel;
    private int _disposed;

    internal LoopHandle(Kernel kernel)
    {
        _kernel = kernel;
        kernel.Outstanding++;
    }

    /// <summary>Runs <paramref name="action"/> on the loop thread, between turns; the task completes when it has run.</summary>
    public Task InvokeAsync(Action action)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(done.TrySetException, () =>
        {
            try
            {
                action();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task;
    }

    /// <summary>Spawns <paramref name="work"/> as a strand on the loop; the task completes with its result or exception.</summary>
    public Task<T> InvokeAsync<T>(Func<Coroutine<T>> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(done.TrySetException, () => _kernel.Spawn<VoidResult>(() => CallIn(work, done), _kernel.RootScope, "call-in"));
        return done.Task;
    }

    private static async Coroutine CallIn<T>(Func<Coroutine<T>> work, TaskCompletionSource<T> done)
    {
        try
        {
            done.SetResult(await work());
        }
        catch (OperationCanceledException e)
        {
            done.SetCanceled(e.CancellationToken);
        }
        catch (Exception e)
        {
            done.SetException(e);
        }
    }

    /// <summary>Closes the handle (from any thread); the loop may then finish once its strands are done.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) _kernel.Inbox.Post(() => _kernel.Outstanding--);
    }

    private void Post(Func<Exception, bool> fail, Action callback)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (!_kernel.Inbox.TryPost(callback, () => fail(LoopFinished()))) fail(LoopFinished());
    }

    private static InvalidOperationException LoopFinished() =>
        new("The loop has finished (main and every strand it left running are done), so this call will never run on it.");
}
