namespace Braid.IO;

/// <summary>
/// A result that any thread can complete and strands on a loop can await (concurrent.futures.Future, awaited as
/// asyncio's wrap_future does). Completing it posts the wake-up to each waiting loop's inbox.
/// </summary>
public sealed class Future<T>
{
    private readonly TaskCompletionSource<T> _source = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>True once completed, by result, exception or cancellation.</summary>
    public bool IsCompleted => _source.Task.IsCompleted;

    /// <summary>Completes with a result, from any thread; false if already completed.</summary>
    public bool TrySetResult(T result) => _source.TrySetResult(result);

    /// <summary>Completes with an exception, from any thread; awaiting it rethrows; false if already completed.</summary>
    public bool TrySetException(Exception error) => _source.TrySetException(error);

    /// <summary>Cancels it, from any thread; awaiting it throws <see cref="TaskCanceledException"/>; false if already completed.</summary>
    public bool TrySetCanceled() => _source.TrySetCanceled();

    /// <summary>Waits for the result on the loop; a cancellation point that abandons the wait at once.</summary>
    public Coroutine<T> WaitAsync() => Loop.Cancellable(_source.Task);

    /// <summary>The future as a Task, for code outside the loop.</summary>
    public Task<T> AsTask() => _source.Task;
}
