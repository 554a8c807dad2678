namespace Braid;

/// <summary>
/// A lock its holder may acquire again (Python's RLock): it is free once released as many times as acquired. Fair
/// like <see cref="AsyncLock"/>: on the last release it goes straight to the longest waiter.
/// </summary>
/// <remarks>Invariants: depth is zero exactly when there is no owner; waiters imply an owner.</remarks>
public sealed class ReentrantLock : ILock
{
    private readonly WaitQueue _waiters;
    private readonly string? _name;
    private Strand? _owner;
    private int _depth;

    /// <summary>Creates a free lock; <paramref name="name"/> appears in statistics and deadlock reports.</summary>
    public ReentrantLock(string? name = null)
    {
        _name = name;
        _waiters = new WaitQueue(this);
    }

    /// <summary>The strand holding the lock, or null.</summary>
    public Strand? Owner => _owner;

    /// <summary>How many times the owner has acquired it without releasing.</summary>
    public int Depth => _depth;

    /// <summary>Acquires the lock, or acquires it once more if this strand holds it (a cancellation point).</summary>
    public ParkAwaitable Acquire()
    {
        var me = Grant.Current;
        AssertInvariants();
        if (_owner is not null && _owner != me) return _waiters.Park(); // Release sets owner and depth 1 for us
        if (!Grant.CancelPending(me))
        {
            _owner = me;
            _depth++;
        }
        return ParkAwaitable.Ready;
    }

    /// <summary>Releases once; the last release hands the lock to the longest waiter.</summary>
    public void Release()
    {
        var me = Grant.Current;
        if (_owner != me) throw new InvalidOperationException($"{me.Name} released {Label}, which it does not hold.");
        if (--_depth > 0) return;
        _owner = _waiters.WakeOne();
        if (_owner is not null) _depth = 1;
        AssertInvariants();
    }

    async Coroutine ILock.AcquireAsync() => await Acquire();

    /// <summary>A snapshot: owner, waiters and depth.</summary>
    public SyncStatistics Statistics() => new(Label, _owner?.Name, _waiters.Count, _depth);

    /// <inheritdoc />
    public override string ToString() => Statistics().ToString();

    private string Label => Grant.Label("ReentrantLock", _name);

    private void AssertInvariants()
    {
        if (!Invariant.Enabled) return;
        Invariant.That((_depth == 0) == (_owner is null), "depth is zero exactly when free");
        Invariant.That(_waiters.IsEmpty || _owner is not null, "waiters imply an owner");
    }
}
