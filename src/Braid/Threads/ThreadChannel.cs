namespace Braid;

/// <summary>
/// A channel for OS threads with the API of the coroutine channel (<see cref="ChannelSender{T}"/>,
/// <see cref="ChannelReceiver{T}"/>) in one object: blocking send and receive, try-variants, close by the sender
/// with drain-then-end, and capacity 0 for a rendezvous. One monitor guards it; this is the teaching version, so it
/// favours plain code over speed (System.Threading.Channels is the fast one).
/// </summary>
public sealed class ThreadChannel<T>
{
    private readonly object _gate = new();
    private readonly Queue<T> _items = new();
    private readonly int _capacity; // int.MaxValue for unbounded
    private long _taken; // items taken so far: a rendezvous sender waits until its own item is taken
    private long _put;
    private bool _closed;

    /// <summary>Creates a channel holding <paramref name="capacity"/> items (0: rendezvous; null: unbounded).</summary>
    public ThreadChannel(int? capacity)
    {
        if (capacity < 0) throw new ArgumentOutOfRangeException(nameof(capacity));
        _capacity = capacity ?? int.MaxValue;
    }

    /// <summary>Sends, blocking while the buffer is full (or, for a rendezvous, until a receiver takes the item).</summary>
    public void Send(T item)
    {
        LoopThreadGuard.RefuseOnLoop("ThreadChannel.Send", "a MemoryChannel");
        lock (_gate)
        {
            while (!_closed && _items.Count >= Math.Max(_capacity, 1)) Monitor.Wait(_gate);
            if (_closed) throw new ClosedResourceException("Send on a closed ThreadChannel.");
            _items.Enqueue(item);
            var mine = ++_put;
            Monitor.PulseAll(_gate);
            if (_capacity == 0)
            {
                while (_taken < mine) Monitor.Wait(_gate);
            }
        }
    }

    /// <summary>Sends if there is room in the buffer; never blocks (so always false for a rendezvous).</summary>
    public bool TrySend(T item)
    {
        lock (_gate)
        {
            if (_closed) throw new ClosedResourceException("Send on a closed ThreadChannel.");
            if (_items.Count >= _capacity) return false;
            _items.Enqueue(item);
            _put++;
            Monitor.PulseAll(_gate);
            return true;
        }
    }

    /// <summary>Receives, blocking while empty; throws <see cref="EndOfChannelException"/> once closed and drained.</summary>
    public T Receive()
    {
        LoopThreadGuard.RefuseOnLoop("ThreadChannel.Receive", "a MemoryChannel");
        lock (_gate)
        {
            while (_items.Count == 0 && !_closed) Monitor.Wait(_gate);
            if (_items.Count == 0) throw new EndOfChannelException("ThreadChannel");
            return Take();
        }
    }

    /// <summary>Receives an item if one is ready; never blocks.</summary>
    public bool TryReceive(out T item)
    {
        lock (_gate)
        {
            if (_items.Count == 0)
            {
                item = default!;
                return false;
            }
            item = Take();
            return true;
        }
    }

    /// <summary>Closes for sending: receivers drain what is left, then get the end.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Receives until the end of the stream.</summary>
    public IEnumerable<T> ReadAll()
    {
        while (true)
        {
            T item;
            lock (_gate)
            {
                while (_items.Count == 0 && !_closed) Monitor.Wait(_gate);
                if (_items.Count == 0) yield break;
                item = Take();
            }
            yield return item;
        }
    }

    private T Take()
    {
        var item = _items.Dequeue();
        _taken++;
        Monitor.PulseAll(_gate);
        return item;
    }
}
