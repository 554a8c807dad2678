namespace Braid;

/// <summary>
/// A fair mutual-exclusion lock for OS threads with the API of <see cref="AsyncLock"/>: FIFO hand-off, an owner, and
/// errors for re-entry and for release by a thread that does not hold it. (<see cref="Monitor"/> and
/// <see cref="System.Threading.Lock"/> are faster but promise no order.)
/// </summary>
public sealed class ThreadLock : ILock
{
    private readonly object _gate = new();
    private readonly Queue<(ThreadWaiter Waiter, int Thread)> _waiters = new();
    private int _owner; // managed thread id; 0 when free

    /// <summary>The managed thread id of the holder, or 0.</summary>
    public int Owner => Volatile.Read(ref _owner);

    /// <summary>Acquires the lock, blocking in arrival order.</summary>
    public void Acquire()
    {
        LoopThreadGuard.RefuseOnLoop("ThreadLock.Acquire", "AsyncLock");
        var me = Environment.CurrentManagedThreadId;
        lock (_gate)
        {
            if (_owner == me) throw new InvalidOperationException($"Thread {me} already holds this ThreadLock; it is not reentrant.");
            if (_owner == 0)
            {
                _owner = me;
                return;
            }
            var waiter = new ThreadWaiter();
            _waiters.Enqueue((waiter, me));
            waiter.Await(_gate); // the releaser made us the owner
        }
    }

    /// <summary>Releases the lock to the longest-waiting thread.</summary>
    public void Release()
    {
        var me = Environment.CurrentManagedThreadId;
        lock (_gate)
        {
            if (_owner != me) throw new InvalidOperationException($"Thread {me} released a ThreadLock it does not hold.");
            if (_waiters.TryDequeue(out var next))
            {
                _owner = next.Thread;
                next.Waiter.Granted = true;
                Monitor.PulseAll(_gate);
            }
            else _owner = 0;
        }
    }

    Coroutine ILock.AcquireAsync()
    {
        Acquire();
        return Coroutine.CompletedCoroutine;
    }
}
