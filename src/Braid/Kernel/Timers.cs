namespace Braid;

/// <summary>
/// Pending timers in a binary heap ordered by due time (then by arming order, so equal times fire in order):
/// O(log n) to arm and to fire. A timer is a sleeping strand, a cancel scope's deadline, or a TimeProvider timer. Disarming is lazy:
/// an entry whose strand has since moved on, or whose scope has a new deadline or has ended, is skipped when it
/// surfaces. Stale entries are counted, and when they outnumber the live ones the heap is rebuilt without them, so
/// memory follows the live timers, not every timer ever armed (a million short scopes with an hour's deadline would
/// otherwise stay in the heap for that hour).
/// </summary>
/// <remarks>Invariant: <c>_stale</c> is the number of entries in the heap that are no longer live.</remarks>
internal sealed class Timers : IWaitSite
{
    /// <summary>Below this many stale entries a rebuild is not worth its pass.</summary>
    private const int CompactAtLeast = 1024;

    private readonly PriorityQueue<Entry, (long Due, long Order)> _heap = new();
    private long _armed;
    private int _stale;

    /// <summary>Entries in the heap, live or stale (for tests and statistics).</summary>
    public int Count => _heap.Count;

    /// <summary>Called when an armed entry stops being live before it fires (its scope ended or moved its deadline).</summary>
    public void OnStale()
    {
        _stale++;
        CompactIfMostlyStale();
    }

    private void CompactIfMostlyStale()
    {
        if (_stale < CompactAtLeast || _stale <= _heap.Count / 2) return;
        var live = new List<(Entry, (long, long))>(_heap.Count - _stale);
        foreach (var (entry, key) in _heap.UnorderedItems)
        {
            if (IsLive(entry)) live.Add((entry, key));
        }
        _heap.Clear();
        _heap.EnqueueRange(live);
        _heap.TrimExcess();
        _stale = 0;
    }

    private void DroppedStale()
    {
        if (_stale > 0) _stale--;
    }

    private readonly record struct Entry(object Target, int Generation);

    /// <summary>Arms a wake-up for a strand parked here by its current park.</summary>
    public void Arm(long due, Strand strand)
    {
        CompactIfMostlyStale();
        _heap.Enqueue(new(strand, strand.ParkCount), (due, _armed++));
    }

    /// <summary>Arms a cancel scope's deadline.</summary>
    public void Arm(long due, CancelScope scope)
    {
        CompactIfMostlyStale();
        _heap.Enqueue(new(scope, scope.DeadlineGeneration), (due, _armed++));
    }

    /// <summary>Arms a TimeProvider timer (see <see cref="LoopTimer"/>) for its current generation.</summary>
    public void Arm(long due, LoopTimer timer)
    {
        CompactIfMostlyStale();
        _heap.Enqueue(new(timer, timer.Generation), (due, _armed++));
    }

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
            DroppedStale();
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
            if (!IsLive(entry))
            {
                DroppedStale();
                continue;
            }
            fired++;
            if (entry.Target is Strand strand) kernel.Wake(strand);
            else if (entry.Target is LoopTimer timer) timer.Fire(kernel);
            else ((CancelScope)entry.Target).OnDeadline();
        }
        return fired;
    }

    private bool IsLive(Entry entry) => entry.Target switch
    {
        Strand s => s.Site == this && s.ParkCount == entry.Generation,
        CancelScope c => c.DeadlineGeneration == entry.Generation && c.IsActive,
        LoopTimer t => t.Generation == entry.Generation,
        _ => false,
    };

    /// <inheritdoc />
    public bool Abort(Strand strand)
    {
        // The entry goes stale once the kernel clears the strand's site, right after this returns: a rebuild now
        // would still keep it, so only count it here; the next arm or scope change may rebuild.
        _stale++;
        return true;
    }

    /// <inheritdoc />
    public string Describe() => "sleep";
}
