namespace Braid;

/// <summary>
/// A counting semaphore (Dijkstra's, the Little Book's): <see cref="Acquire"/> takes a permit or waits for one,
/// <see cref="Release"/> returns one. Fair: a release hands its permit straight to the longest waiter, so the count
/// never rises while anyone waits and no later arrival can take the permit first.
/// </summary>
/// <remarks>Invariants: the value is never negative; waiters imply the value is zero.</remarks>
public class AsyncSemaphore : ISemaphore
{
    private readonly WaitQueue _waiters;
    private readonly string? _name;
    private int _value;

    /// <summary>Creates a semaphore with <paramref name="initial"/> permits.</summary>
    public AsyncSemaphore(int initial, string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initial);
        _value = initial;
        _name = name;
        _waiters = new WaitQueue(this);
    }

    /// <summary>Free permits now.</summary>
    public int Value => _value;

    /// <summary>How many strands wait for a permit.</summary>
    public int Waiting => _waiters.Count;

    /// <summary>Takes a permit, parking in arrival order while there is none (a cancellation point).</summary>
    public ParkAwaitable Acquire()
    {
        var me = Grant.Current;
        AssertInvariants();
        if (_value == 0) return _waiters.Park(); // Release hands its permit to us
        if (!Grant.CancelPending(me)) _value--;
        return ParkAwaitable.Ready;
    }

    /// <summary>Takes a permit if one is free now; never waits.</summary>
    public bool TryAcquire()
    {
        if (_value == 0) return false;
        _value--;
        return true;
    }

    /// <summary>Returns a permit: to the longest waiter if there is one, else to the count.</summary>
    public void Release()
    {
        BeforeRelease();
        if (_waiters.WakeOne() is null) _value++;
        AssertInvariants();
    }

    async Coroutine ISemaphore.AcquireAsync() => await Acquire();

    /// <summary>A snapshot: value and waiters.</summary>
    public SyncStatistics Statistics() => new(Label, null, _waiters.Count, _value);

    /// <inheritdoc />
    public override string ToString() => Statistics().ToString();

    /// <summary>Called before a permit is returned; a bounded semaphore refuses one too many.</summary>
    private protected virtual void BeforeRelease()
    {
    }

    private protected virtual string Label => Grant.Label("Semaphore", _name);

    private void AssertInvariants()
    {
        if (!Invariant.Enabled) return;
        Invariant.That(_value >= 0, "the value is never negative");
        Invariant.That(_waiters.IsEmpty || _value == 0, "waiters imply the value is zero");
    }
}
