namespace Braid;

/// <summary>How a channel wait ended.</summary>
internal enum WaitOutcome : byte
{
    /// <summary>Still waiting.</summary>
    Pending,
    /// <summary>The item was handed over (to a receiver, or from a sender).</summary>
    Done,
    /// <summary>The channel closed: no item.</summary>
    Closed,
}

/// <summary>
/// A strand waiting in a channel, with the item it brings (a sender) or receives (a receiver): Go's sudog. The
/// kernel's <see cref="WaitQueue"/> links strands themselves, so a strand sits in one queue; a select waits in
/// several channels at once, so channels queue these nodes instead, in the same FIFO order. A single send or receive
/// parks on its node; a select parks on its <see cref="SelectSite"/>, which owns one node per case.
/// </summary>
internal sealed class ChannelWaiter<T>(ChannelCore<T> channel, bool isSender) : IWaitSite
{
    public readonly ChannelCore<T> Channel = channel;
    public readonly bool IsSender = isSender;
    public Strand? Strand;
    public T Item = default!;
    public WaitOutcome Outcome;
    public ChannelWaiter<T>? Next;
    public ChannelWaiter<T>? Previous;
    public bool Linked;

    /// <summary>The select this node belongs to, or null for a plain send or receive.</summary>
    public SelectSite? Select;

    /// <summary>This node's case in <see cref="Select"/>.</summary>
    public int CaseIndex;

    /// <inheritdoc />
    public bool Abort(Strand strand)
    {
        Channel.Unlink(this);
        return true;
    }

    /// <inheritdoc />
    public string Describe() => (IsSender ? "send to " : "receive from ") + Channel;
}

/// <summary>A FIFO list of channel waiters (senders or receivers of one channel).</summary>
internal sealed class WaiterList<T>
{
    private ChannelWaiter<T>? _tail;

    public ChannelWaiter<T>? First { get; private set; }

    public int Count { get; private set; }

    public void Add(ChannelWaiter<T> node)
    {
        node.Previous = _tail;
        node.Next = null;
        if (_tail is null) First = node;
        else _tail.Next = node;
        _tail = node;
        node.Linked = true;
        Count++;
    }

    public void Remove(ChannelWaiter<T> node)
    {
        if (!node.Linked) return;
        if (node.Previous is null) First = node.Next;
        else node.Previous.Next = node.Next;
        if (node.Next is null) _tail = node.Previous;
        else node.Next.Previous = node.Previous;
        node.Next = node.Previous = null;
        node.Linked = false;
        Count--;
    }
}
