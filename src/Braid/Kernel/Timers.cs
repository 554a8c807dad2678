namespace Braid;

/// <summary>
/// Pending timers in a binary heap ordered by due time (then by arming order, so equal times fire in order):
/// O(log n) to arm and to fire. A timer is either a sleeping strand or a cancel scope's deadline. Disarming is lazy:
/// an entry whose strand has since moved on, or whose scope has a new deadline, is skipped when it surfaces.
/// </summary>
internal sealed class Timers : IWaitSite
{
    private readonly PriorityQueue<Entry, (long Due, long Order)> _heap = new();
    private long _armed;

    private readonly record struct Entry(object Target, int Generation);

    /// <summary>Arms a wake-up for a strand parked here by its current park.</summary>
    public void Arm(long due, Strand strand) => _heap.Enqueue(new(strand, strand.ParkCount), (due, _armed++));

    /// <summary>Arms a cancel scope's deadline.</summary>
    public void Arm(long due, CancelScope scope) => _heap.Enqueue(new(scope, scope.DeadlineGeneration), (due, _armed++));

    /// <summary>The due time of the earliest live timer, if any (drops stale entries on the way).</summary>
    public bool TryPeek(out long due)
    {
        while (_heap.TryPeek(out var entry, out var key))
        {
            if (IsLive(entry))
            {
                due = key.Due;
                return true;
            }
            _heap.Dequeue();
        }
        due = 0;
        return false;
    }

    /// <summary>Fires every live timer due at or before <paramref name="now"/>; returns how many fired.</summary>
    public int FireDue(long now, Kernel kernel)
    {
        var fired = 0;
        while (_heap.TryPeek(out var entry, out var key) && key.Due <= now)
        {
            _heap.Dequeue();
            if (!IsLive(entry)) continue;
            fired++;
            if (entry.Target is Strand strand) kernel.Wake(strand);
            else ((CancelScope)entry.Target).OnDeadline();
        }
        return fired;
    }

    private bool IsLive(Entry entry) => entry.Target switch
    {
        Strand s => s.Site == this && s.ParkCount == entry.Generation,
        CancelScope c => c.DeadlineGeneration == entry.Generation && c.IsActive,
        _ => false,
    };

    /// <inheritdoc />
    public bool Abort(Strand strand) => true; // the entry goes stale when the strand leaves this site

    /// <inheritdoc />
    public string Describe() => "sleep";
}
