namespace Braid;

/// <summary>A channel's buffer: a ring of items that grows by doubling (only an unbounded channel grows past its start).</summary>
internal sealed class ItemRing<T>
{
    private T[] _items;
    private int _head;
    private int _count;

    public ItemRing(int initialCapacity) => _items = new T[Math.Max(4, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, initialCapacity)))];

    public int Count => _count;

    public void Enqueue(T item)
    {
        if (_count == _items.Length) Grow();
        _items[(_head + _count) & (_items.Length - 1)] = item;
        _count++;
    }

    public T Dequeue()
    {
        var item = _items[_head];
        _items[_head] = default!;
        _head = (_head + 1) & (_items.Length - 1);
        _count--;
        return item;
    }

    public void Clear()
    {
        while (_count > 0) Dequeue();
    }

    private void Grow()
    {
        var larger = new T[_items.Length * 2];
        for (var i = 0; i < _count; i++) larger[i] = _items[(_head + i) & (_items.Length - 1)];
        _items = larger;
        _head = 0;
    }
}
