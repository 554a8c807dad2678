namespace Braid;

/// <summary>
/// A mutual-exclusion lock for strands, fair: the holder hands the lock straight to the longest waiter on release,
/// so a strand that arrives later can never barge in. Not reentrant (see <see cref="ReentrantLock"/>): acquiring a
/// lock you hold is an error, not a silent deadlock.
/// </summary>
/// <remarks>Invariants: waiters imply an owner (a free lock has nobody waiting); the owner is never among the waiters.</remarks>
public sealed class AsyncLock : ILock
{
    private readonly WaitQueue _waiters;
    private readonly string? _name;
    private Strand? _owner;

    /// <summary>Creates a free lock; <paramref name="name"/> appears in statistics and deadlock reports.</summary>
    public AsyncLock(string? name = null)
    {
        _name = name;
        _waiters = new WaitQueue(this);
    }

    /// <summary>The strand holding the lock, or null.</summary>
    public Strand? Owner => _owner;

    /// <summary>True while some strand holds the lock.</summary>
    public bool IsLocked => _owner is not null;

    /// <summary>Acquires the lock, parking in arrival order while another strand holds it (a cancellation point).</summary>
    public ParkAwaitable Acquire()
    {
        var me = Grant.Current;
        if (_owner == me) throw new InvalidOperationException($"{me.Name} already holds {Label}; it is not reentrant (use ReentrantLock).");
        AssertInvariants();
        if (_owner is not null) return _waiters.Park(); // Release hands the lock over before waking us
        if (!Grant.CancelPending(me)) _owner = me;
        return ParkAwaitable.Ready;
    }

    /// <summary>Acquires the lock if it is free now; never waits.</summary>
    public bool TryAcquire()
    {
        if (_owner is not null) return false;
        _owner = Grant.Current;
        return true;
    }

    /// <summary>Releases the lock and hands it to the longest waiter, if any. Only the holder may release.</summary>
    public void Release()
    {
        var me = Grant.Current;
        if (_owner != me) throw new InvalidOperationException($"{me.Name} released {Label}, which it does not hold.");
        _owner = _waiters.WakeOne(); // hand-off: the woken strand owns the lock before it runs
        AssertInvariants();
    }

    async Coroutine ILock.AcquireAsync() => await Acquire();

    /// <summary>A snapshot: owner and waiters.</summary>
    public SyncStatistics Statistics() => new(Label, _owner?.Name, _waiters.Count, null);

    /// <inheritdoc />
    public override string ToString() => Statistics().ToString();

    private string Label => Grant.Label("Lock", _name);

    private void AssertInvariants()
    {
        if (!Invariant.Enabled) return;
        Invariant.That(_waiters.IsEmpty || _owner is not null, "waiters imply an owner");
        Invariant.That(_owner is null || !_waiters.Strands.Contains(_owner), "the owner does not wait");
    }
}
