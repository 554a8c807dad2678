namespace Braid;

/// <summary>
/// Lets other threads run work on a loop and await the result: the loop's thread-safe door. Open it on the loop with
/// <see cref="Loop.OpenHandle"/>; use it from any thread; dispose it when done so the loop can finish.
/// </summary>
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
        Post(() =>
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
        Post(() => _kernel.Spawn<VoidResult>(() => CallIn(work, done), _kernel.RootScope, "call-in"));
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

    private void Post(Action callback)
    {
        if (Volatile.Read(ref _disposed) != 0) throw new ObjectDisposedException(nameof(LoopHandle));
        if (_kernel.IsClosed) throw new InvalidOperationException("The loop has finished.");
        _kernel.Inbox.Post(callback);
    }
}
