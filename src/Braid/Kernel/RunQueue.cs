using System.Runtime.CompilerServices;

namespace Braid;

/// <summary>
/// The strands ready to run. In normal mode a FIFO ring; in deterministic mode each turn goes to a strand picked by a
/// seeded random number generator, so a test explores a different interleaving per seed and replays one exactly.
/// </summary>
internal sealed class RunQueue
{
    private readonly Random? _random;
    // A struct wrapper: stores into a Strand[] pay an array covariance check, stores into this do not.
    private StrandSlot[] _items = new StrandSlot[64];

    private struct StrandSlot
    {
        public Strand Strand;
    }
    private int _head;
    private int _count;

    public RunQueue(int? seed) => _random = seed is { } s ? new Random(s) : null;

    public int Count => _count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enqueue(Strand strand)
    {
        if (_count == _items.Length) Grow();
        _items[(_head + _count) & (_items.Length - 1)].Strand = strand;
        _count++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryDequeue(out Strand strand)
    {
        if (_count == 0)
        {
            strand = null!;
            return false;
        }
        var mask = _items.Length - 1;
        if (_random is not null)
        {
            // Swap a random entry to the head, then take the head: a uniform pick in O(1).
            var pick = (_head + _random.Next(_count)) & mask;
            (_items[pick], _items[_head]) = (_items[_head], _items[pick]);
        }
        strand = _items[_head].Strand;
        _items[_head].Strand = null!;
        _head = (_head + 1) & mask;
        _count--;
        return true;
    }

    private void Grow()
    {
        var larger = new StrandSlot[_items.Length * 2];
        for (var i = 0; i < _count; i++) larger[i] = _items[(_head + i) & (_items.Length - 1)];
        _items = larger;
        _head = 0;
    }
}
