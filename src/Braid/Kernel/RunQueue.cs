using System.Runtime.CompilerServices;

namespace Braid;

/// <summary>
/// The strands ready to run. In normal mode a FIFO list linked through the strands themselves (a runnable strand is
/// in no wait queue, so its links are free): no array to grow, however many strands are runnable. In deterministic
/// mode each turn goes to a strand picked by a seeded random number generator, so a test explores a different
/// interleaving per seed and replays one exactly. With a chooser (<see cref="IScheduleChooser"/>), the chooser picks
/// instead, among the runnable strands in the order they became runnable.
/// </summary>
internal sealed class RunQueue
{
    private readonly Random? _random;
    private readonly IScheduleChooser? _chooser;
    private readonly List<Strand> _seeded = new();
    private Strand? _head;
    private Strand? _tail;

    public RunQueue(int? seed, IScheduleChooser? chooser = null)
    {
        _chooser = chooser;
        _random = seed is { } s ? new Random(s) : chooser is not null ? new Random(0) : null;
    }

    public int Count { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enqueue(Strand strand)
    {
        Count++;
        if (_random is not null)
        {
            _seeded.Add(strand);
            return;
        }
        strand.Next = null;
        if (_tail is null) _head = strand;
        else _tail.Next = strand;
        _tail = strand;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryDequeue(out Strand strand)
    {
        if (Count == 0)
        {
            strand = null!;
            return false;
        }
        Count--;
        if (_chooser is not null)
        {
            // The chooser sees a stable order: the list is kept in arrival order (an O(n) removal; n is small in tests).
            var index = _seeded.Count == 1 ? 0 : _chooser.Choose(_seeded);
            strand = _seeded[index];
            _seeded.RemoveAt(index);
            return true;
        }
        if (_random is not null)
        {
            // Swap a random entry to the end and take it: a uniform pick in O(1).
            var pick = _random.Next(_seeded.Count);
            var last = _seeded.Count - 1;
            strand = _seeded[pick];
            _seeded[pick] = _seeded[last];
            _seeded.RemoveAt(last);
            return true;
        }
        strand = _head!;
        _head = strand.Next;
        if (_head is null) _tail = null;
        strand.Next = null;
        return true;
    }
}
