namespace Braid;

/// <summary>
/// A condition variable over a <see cref="AsyncLock"/>: <see cref="Wait"/> releases the lock, sleeps until notified, and
/// takes the lock back before returning, even when cancelled, so the caller's <c>finally</c> can always release it.
/// Waiters are notified in arrival order.
/// </summary>
public sealed class Condition
{
    private readonly WaitQueue _waiters;
    private readonly string? _name;

    /// <summary>Creates a condition over <paramref name="lock"/> (a new lock if null).</summary>
    public Condition(AsyncLock? @lock = null, string? name = null)
    {
        Lock = @lock ?? new AsyncLock(name);
        _name = name;
        _waiters = new WaitQueue(this);
    }

    /// <summary>The lock this condition releases while waiting.</summary>
    public AsyncLock Lock { get; }

    /// <summary>How many strands wait to be notified.</summary>
    public int Waiting => _waiters.Count;

    /// <summary>Acquires the underlying lock.</summary>
    public ParkAwaitable Acquire() => Lock.Acquire();

    /// <summary>Releases the underlying lock.</summary>
    public void Release() => Lock.Release();

    /// <summary>
    /// Releases the lock, waits for a notify, and reacquires the lock before returning or throwing. The caller
    /// must hold the lock. Wake-ups can be stale: check the condition again (or use <see cref="WaitFor"/>).
    /// </summary>
    public async Coroutine Wait()
    {
        if (Lock.Owner != Grant.Current) throw new InvalidOperationException($"Waiting on {Label} requires holding its lock.");
        Lock.Release();
        try
        {
            await _waiters.Park();
        }
        finally
        {
            // Reacquire even when cancelled: a shield keeps the cancellation out until we hold the lock again.
            var shield = new CancelScope { Shield = true };
            await shield.RunAsync(ReacquireAsync);
        }
    }

    /// <summary>Waits until <paramref name="predicate"/> holds, checking it under the lock after each notify.</summary>
    public async Coroutine WaitFor(Func<bool> predicate)
    {
        while (!predicate()) await Wait();
    }

    /// <summary>Wakes up to <paramref name="count"/> waiters, longest first. The caller must hold the lock.</summary>
    public void Notify(int count = 1)
    {
        RequireHeld();
        for (var i = 0; i < count && _waiters.WakeOne() is not null; i++)
        {
        }
    }

    /// <summary>Wakes every waiter. The caller must hold the lock.</summary>
    public void NotifyAll()
    {
        RequireHeld();
        _waiters.WakeAll();
    }

    /// <summary>A snapshot: the lock's owner and the waiters to be notified.</summary>
    public SyncStatistics Statistics() => new(Label, Lock.Owner?.Name, _waiters.Count, null);

    /// <inheritdoc />
    public override string ToString() => Statistics().ToString();

    private async Coroutine ReacquireAsync() => await Lock.Acquire();

    private void AssertInvariants()
    {
        if (!Invariant.Enabled) return;
        Invariant.That(Lock.Owner is null || !_waiters.Strands.Contains(Lock.Owner), "the lock's owner is not waiting to be notified");
    }

    private void RequireHeld()
    {
        AssertInvariants();
        if (Lock.Owner != Grant.Current) throw new InvalidOperationException($"Notifying {Label} requires holding its lock.");
    }

    private string Label => Grant.Label("Condition", _name);
}
