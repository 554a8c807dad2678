namespace Braid;

/// <summary>
/// A channel's buffer: a FIFO of fixed-size segments, recycled as they empty. Unlike a ring that doubles, an unbounded
/// channel that grows to millions of items never copies them and never allocates a large-object-heap array (which
/// cost half the unbounded throughput); a bounded channel settles on two or three segments it reuses forever.
/// </summary>
internal sealed class ItemQueue<T>
{
    private readonly int _segmentSize;
    private Segment _head;
    private Segment _tail;
    private Segment? _spare;
    private int _headIndex;
    private int _tailIndex;

    /// <summary>Creates a queue; <paramref name="capacity"/> (null: unbounded) sizes the segments.</summary>
    public ItemQueue(int? capacity)
    {
        _segmentSize = (int)Math.Clamp(System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, capacity ?? 1024)), 4, 1024);
        _head = _tail = new Segment(_segmentSize);
    }

    public int Count { get; private set; }

    public void Enqueue(T item)
    {
        if (_tailIndex == _segmentSize)
        {
            var next = _spare ?? new Segment(_segmentSize);
            _spare = null;
            _tail.Next = next;
            _tail = next;
            _tailIndex = 0;
        }
        _tail.Items[_tailIndex++] = item;
        Count++;
    }

    public T Dequeue()
    {
        var items = _head.Items;
        var item = items[_headIndex];
        items[_headIndex] = default!;
        _headIndex++;
        Count--;
        if (Count == 0)
        {
            // Empty: start the one remaining segment over instead of moving on to a new one.
            _head = _tail;
            _headIndex = _tailIndex = 0;
        }
        else if (_headIndex == _segmentSize)
        {
            var done = _head;
            _head = done.Next!;
            _headIndex = 0;
            done.Next = null;
            _spare = done;
        }
        return item;
    }

    public void Clear()
    {
        while (Count > 0) Dequeue();
    }

    private sealed class Segment(int size)
    {
        public readonly T[] Items = new T[size];
        public Segment? Next;
    }
}
