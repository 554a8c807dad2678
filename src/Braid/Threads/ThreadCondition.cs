namespace Braid;

/// <summary>A condition variable for OS threads over a <see cref="ThreadLock"/>, with the API of <see cref="Condition"/>; FIFO notify.</summary>
public sealed class ThreadCondition
{
    private readonly object _gate = new();
    private readonly Queue<ThreadWaiter> _waiters = new();

    /// <summary>Creates a condition over <paramref name="lock"/> (a new lock if null).</summary>
    public ThreadCondition(ThreadLock? @lock = null) => Lock = @lock ?? new ThreadLock();

    /// <summary>The lock released while waiting.</summary>
    public ThreadLock Lock { get; }

    /// <summary>Acquires the lock.</summary>
    public void Acquire() => Lock.Acquire();

    /// <summary>Releases the lock.</summary>
    public void Release() => Lock.Release();

    /// <summary>Releases the lock, blocks until notified, and reacquires the lock. The caller must hold it.</summary>
    public void Wait()
    {
        LoopThreadGuard.RefuseOnLoop("ThreadCondition.Wait", "Condition");
        if (Lock.Owner != Environment.CurrentManagedThreadId) throw new InvalidOperationException("Waiting on a ThreadCondition requires holding its lock.");
        var me = new ThreadWaiter();
        lock (_gate) _waiters.Enqueue(me); // queued before the lock is released: no notify can be missed
        Lock.Release();
        lock (_gate) me.Await(_gate);
        Lock.Acquire();
    }

    /// <summary>Waits until <paramref name="predicate"/> holds, checking it under the lock.</summary>
    public void WaitFor(Func<bool> predicate)
    {
        while (!predicate()) Wait();
    }

    /// <summary>Wakes up to <paramref name="count"/> waiters, longest first.</summary>
    public void Notify(int count = 1)
    {
        lock (_gate)
        {
            for (var i = 0; i < count && _waiters.TryDequeue(out var w); i++) w.Granted = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Wakes every waiter.</summary>
    public void NotifyAll() => Notify(int.MaxValue);
}
