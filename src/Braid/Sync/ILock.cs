namespace Braid;

/// <summary>
/// A mutual-exclusion lock as one source sees it on coroutines and on OS threads: <c>await l.AcquireAsync()</c>
/// parks the strand on a Braid loop, and blocks the thread (returning a finished coroutine) on a thread. The Little
/// Book problems are written once against this and <see cref="ISemaphore"/>.
/// </summary>
public interface ILock
{
    /// <summary>Acquires the lock, waiting in arrival order.</summary>
    Coroutine AcquireAsync();

    /// <summary>Releases the lock; the longest waiter gets it next.</summary>
    void Release();
}

/// <summary>A counting semaphore as one source sees it on coroutines and on OS threads (see <see cref="ILock"/>).</summary>
public interface ISemaphore
{
    /// <summary>Takes a permit, waiting in arrival order when there is none (Dijkstra's P, the book's wait).</summary>
    Coroutine AcquireAsync();

    /// <summary>Returns a permit; the longest waiter gets it (Dijkstra's V, the book's signal).</summary>
    void Release();

    /// <summary>Free permits now.</summary>
    int Value { get; }
}
