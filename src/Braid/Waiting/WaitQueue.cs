namespace Braid.Extensibility;

/// <summary>
/// The one fair wait queue every blocking primitive is built on (Trio's ParkingLot, curio's kernel queues): strands
/// park at the tail and are woken from the head, so waiters are served in arrival order. A strand cancelled while
/// parked is unlinked at once and can never be woken by the queue afterwards.
/// </summary>
/// <remarks>Invariant: <see cref="Count"/> equals the number of linked strands, and each linked strand's Site is this queue.</remarks>
public sealed class WaitQueue : IWaitSite
{
    private readonly object? _owner;
    private readonly Action<Strand>? _aborted;
    private Strand? _head;
    private Strand? _tail;

    /// <summary>Creates a queue; <paramref name="owner"/> (the primitive) describes it in deadlock reports.</summary>
    public WaitQueue(object? owner = null) => _owner = owner;

    /// <summary>
    /// Creates a queue that tells its owner when a parked strand leaves by cancellation, for primitives whose state
    /// depends on who is waiting (a readers-writer lock admits readers when the last waiting writer gives up).
    /// </summary>
    public WaitQueue(object? owner, Action<Strand> aborted)
    {
        _owner = owner;
        _aborted = aborted;
    }

    /// <summary>How many strands are parked here.</summary>
    public int Count { get; private set; }

    /// <summary>True when no strand is parked here.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>The strand that would be woken next, or null.</summary>
    public Strand? First => _head;

    /// <summary>Parks the current strand at the tail until it is woken or cancelled. Await the result at once.</summary>
    public ParkAwaitable Park()
    {
        var strand = Kernel.Require().CurrentOrThrow();
        Enqueue(strand);
        return ParkAwaitable.Parked(strand);
    }

    /// <summary>Wakes the strand at the head, if any, and returns it.</summary>
    public Strand? WakeOne()
    {
        var strand = _head;
        if (strand is null) return null;
        if (strand.Kernel != Kernel.Current) throw Misuse.OtherLoop(Describe());
        Unlink(strand);
        strand.Kernel.Wake(strand);
        return strand;
    }

    /// <summary>Wakes every parked strand, in order, and returns how many there were.</summary>
    public int WakeAll()
    {
        var woken = 0;
        while (WakeOne() is not null) woken++;
        return woken;
    }

    /// <summary>The parked strands, head first (for statistics and reports).</summary>
    public IEnumerable<Strand> Strands
    {
        get
        {
            for (var s = _head; s is not null; s = s.Next) yield return s;
        }
    }

    /// <inheritdoc />
    public bool Abort(Strand strand)
    {
        Unlink(strand);
        _aborted?.Invoke(strand);
        return true;
    }

    /// <inheritdoc />
    public string Describe() => _owner?.ToString() ?? "a wait queue";

    /// <summary>Links the strand at the tail and marks it parked here; the caller then suspends it.</summary>
    internal void Enqueue(Strand strand)
    {
        if (_head is { } head && head.Kernel != strand.Kernel) throw Misuse.OtherLoop(Describe());
        strand.Kernel.PrepareToPark(strand, this);
        strand.Previous = _tail;
        strand.Next = null;
        if (_tail is null) _head = strand;
        else _tail.Next = strand;
        _tail = strand;
        Count++;
    }

    private void Unlink(Strand strand)
    {
        if (strand.Previous is null) _head = strand.Next;
        else strand.Previous.Next = strand.Next;
        if (strand.Next is null) _tail = strand.Previous;
        else strand.Next.Previous = strand.Previous;
        strand.Next = strand.Previous = null;
        Count--;
    }
}
