namespace Braid;

/// <summary>
/// A reusable barrier: <see cref="Wait"/> parks until <see cref="Parties"/> strands have arrived, then all go on
/// together and the barrier is ready for the next generation. The last to arrive runs the action first (once per
/// generation). A waiter cancelled before the barrier trips leaves, and its place is free again.
/// </summary>
/// <remarks>Invariant: between waits, fewer than <see cref="Parties"/> strands are parked (the arrivals are the parked strands).</remarks>
public sealed class AsyncBarrier
{
    private readonly WaitQueue _arrived;
    private readonly Action<long>? _action;
    private readonly string? _name;

    /// <summary>Creates a barrier for <paramref name="parties"/> strands; <paramref name="action"/> gets each generation's number.</summary>
    public AsyncBarrier(int parties, Action<long>? action = null, string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parties, 1);
        Parties = parties;
        _action = action;
        _name = name;
        _arrived = new WaitQueue(this);
    }

    /// <summary>How many strands each generation waits for.</summary>
    public int Parties { get; }

    /// <summary>How many generations have tripped.</summary>
    public long Generation { get; private set; }

    /// <summary>How many strands have arrived in this generation and wait.</summary>
    public int Arrived => _arrived.Count;

    /// <summary>Arrives and waits for the rest of this generation (a cancellation point).</summary>
    public ParkAwaitable Wait()
    {
        var me = Grant.Current;
        AssertInvariants();
        if (_arrived.Count + 1 < Parties || Grant.CancelPending(me)) return _arrived.Park();
        // The last arrival: run the action, then release everyone. If the action throws, the others still go on.
        try
        {
            _action?.Invoke(Generation);
        }
        finally
        {
            Generation++;
            _arrived.WakeAll();
        }
        return ParkAwaitable.Ready;
    }

    /// <summary>A snapshot: arrivals so far, as waiters and as the value.</summary>
    public SyncStatistics Statistics() => new($"{Grant.Label("Barrier", _name)} of {Parties}", null, _arrived.Count, _arrived.Count);

    /// <inheritdoc />
    public override string ToString() => Statistics().ToString();

    private void AssertInvariants()
    {
        if (!Invariant.Enabled) return;
        Invariant.That(_arrived.Count < Parties, "a full generation never stays parked");
    }
}
