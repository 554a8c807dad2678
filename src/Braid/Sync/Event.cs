namespace Braid;

/// <summary>
/// A one-shot flag strands can wait for: <see cref="Set"/> wakes every waiter, and later waits return at once. Like
/// Trio's Event it cannot be cleared: a clearable event invites lost wake-ups; make a new one instead.
/// </summary>
public sealed class Event
{
    private readonly WaitQueue _waiters;

    /// <summary>Creates an event that is not set.</summary>
    public Event() => _waiters = new WaitQueue(this);

    /// <summary>True once <see cref="Set"/> was called.</summary>
    public bool IsSet { get; private set; }

    /// <summary>How many strands are waiting.</summary>
    public int Waiting => _waiters.Count;

    /// <summary>Sets the event and wakes every waiter.</summary>
    public void Set()
    {
        IsSet = true;
        _waiters.WakeAll();
    }

    /// <summary>Waits until the event is set (a cancellation point either way).</summary>
    public ParkAwaitable Wait()
    {
        AssertInvariants();
        return IsSet ? ParkAwaitable.Ready : _waiters.Park();
    }

    /// <summary>A snapshot: waiters, and the value 1 once set.</summary>
    public SyncStatistics Statistics() => new("Event", null, _waiters.Count, IsSet ? 1 : 0);

    private void AssertInvariants()
    {
        if (!Invariant.Enabled) return;
        Invariant.That(!IsSet || _waiters.IsEmpty, "nobody waits on a set event");
    }

    /// <inheritdoc />
    public override string ToString() => $"Event ({(IsSet ? "set" : "not set")}, {_waiters.Count} waiting)";
}
