namespace Braid;

/// <summary>
/// Trio's CapacityLimiter: a pool of <see cref="TotalTokens"/> tokens, each borrowed by a named borrower (a strand by
/// default) who alone may give it back, and no borrower holds two. The total can be changed while in use: raising it
/// admits waiters at once, lowering it takes effect as tokens come back. Fair: waiters get tokens in arrival order.
/// </summary>
/// <remarks>Invariants: borrowed tokens never exceed the total unless the total was lowered; waiters imply no free token.</remarks>
public sealed class CapacityLimiter : ISemaphore
{
    private readonly WaitQueue _waiters;
    private readonly HashSet<object> _borrowers = new();
    private readonly Dictionary<Strand, object> _pending = new();
    private readonly string? _name;
    private int _total;

    /// <summary>Creates a limiter with <paramref name="totalTokens"/> tokens.</summary>
    public CapacityLimiter(int totalTokens, string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(totalTokens, 1);
        _total = totalTokens;
        _name = name;
        _waiters = new WaitQueue(this, strand => _pending.Remove(strand));
    }

    /// <summary>The number of tokens; raising it admits waiters at once.</summary>
    public int TotalTokens
    {
        get => _total;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _total = value;
            WakeWaiters();
        }
    }

    /// <summary>Tokens borrowed now.</summary>
    public int Borrowed => _borrowers.Count;

    /// <summary>Tokens free now (zero when the total was lowered below what is borrowed).</summary>
    public int Available => Math.Max(0, _total - _borrowers.Count);

    int ISemaphore.Value => Available;

    /// <summary>Borrows a token for the current strand.</summary>
    public ParkAwaitable Acquire() => AcquireOnBehalfOf(Grant.Current);

    /// <summary>Borrows a token for <paramref name="borrower"/>, waiting in arrival order when none is free.</summary>
    public ParkAwaitable AcquireOnBehalfOf(object borrower)
    {
        var me = Grant.Current;
        if (_borrowers.Contains(borrower) || _pending.ContainsValue(borrower))
        {
            throw new InvalidOperationException($"{Describe(borrower)} already holds a token of {Label}; each borrower holds at most one.");
        }
        if (Available == 0 || !_waiters.IsEmpty)
        {
            _pending[me] = borrower;
            return _waiters.Park(); // a release moves our borrower into the set before waking us
        }
        if (!Grant.CancelPending(me)) _borrowers.Add(borrower);
        return ParkAwaitable.Ready;
    }

    /// <summary>Gives back the current strand's token.</summary>
    public void Release() => ReleaseOnBehalfOf(Grant.Current);

    /// <summary>Gives back <paramref name="borrower"/>'s token; the longest waiter gets it if the total allows.</summary>
    public void ReleaseOnBehalfOf(object borrower)
    {
        if (!_borrowers.Remove(borrower)) throw new InvalidOperationException($"{Describe(borrower)} released a token of {Label} it does not hold.");
        WakeWaiters();
    }

    async Coroutine ISemaphore.AcquireAsync() => await Acquire();

    /// <summary>A snapshot: borrowers, waiters, and free tokens as the value.</summary>
    public SyncStatistics Statistics() =>
        new($"{Label} ({_borrowers.Count}/{_total} borrowed)", _borrowers.Count == 0 ? null : string.Join(", ", _borrowers.Select(Describe)), _waiters.Count, Available);

    /// <inheritdoc />
    public override string ToString() => Statistics().ToString();

    private void WakeWaiters()
    {
        while (_borrowers.Count < _total && _waiters.WakeOne() is { } strand)
        {
            _borrowers.Add(_pending[strand]);
            _pending.Remove(strand);
        }
        AssertInvariants();
    }

    private static string Describe(object borrower) => borrower is Strand s ? s.Name : borrower.ToString() ?? "?";

    private string Label => Grant.Label("CapacityLimiter", _name);

    private void AssertInvariants()
    {
        if (!Invariant.Enabled) return;
        Invariant.That(_waiters.IsEmpty || _borrowers.Count >= _total, "waiters imply no free token");
        Invariant.That(_pending.Count == _waiters.Count, "every waiter has a pending borrower");
    }
}
