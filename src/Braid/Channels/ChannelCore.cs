namespace Braid;

/// <summary>The result of starting a channel operation.</summary>
internal enum ChannelOp : byte
{
    /// <summary>Done at once.</summary>
    Done,
    /// <summary>A cancellation is pending: nothing was taken or given; awaiting throws.</summary>
    Cancelled,
    /// <summary>The channel is closed (receive: closed and drained).</summary>
    Closed,
    /// <summary>The strand is parked on a waiter node.</summary>
    Parked,
}

/// <summary>
/// The state of one channel, shared by all its sender and receiver handles: the buffer, the parked senders and
/// receivers, and the open-handle counts that decide when it closes.
///
/// Hand-off rule, which is what makes it fair and lossless: an item always moves at once to where it belongs. A send
/// gives its item to the longest-waiting receiver if there is one, else to the buffer if there is room, else parks
/// holding it. A receive takes from the buffer and refills the freed slot from the longest-waiting sender, or, with
/// an empty buffer (rendezvous), takes straight from that sender. A woken strand has already been served, so a
/// later arrival cannot barge in, and since a served strand cannot be cancelled out of its wait, nothing is lost:
/// a send that throws <see cref="CancelledException"/> did not deliver; one that returns did.
/// </summary>
/// <remarks>
/// Invariants: waiting receivers imply an empty buffer; waiting senders imply a full buffer; senders and receivers
/// never both wait (outside a select that waits on both sides of one channel).
/// </remarks>
internal sealed class ChannelCore<T>
{
    private readonly ItemQueue<T> _buffer;
    private readonly WaiterList<T> _receivers = new();
    private readonly WaiterList<T> _senders = new();
    private ChannelWaiter<T>? _freeReceiver;
    private ChannelWaiter<T>? _freeSender;

    public ChannelCore(int? capacity, string? name)
    {
        Capacity = capacity;
        Limit = capacity ?? int.MaxValue;
        Name = name ?? "channel";
        _buffer = new ItemQueue<T>(capacity);
    }

    public string Name { get; }

    public int? Capacity { get; }

    private int Limit { get; }

    public int OpenSenders = 1;
    public int OpenReceivers = 1;
    public long Sent;
    public long Received;
    public long SenderParks;
    public long ReceiverParks;

    /// <summary>True once every sender has closed.</summary>
    public bool SendClosed => OpenSenders == 0;

    /// <summary>True once every receiver has closed.</summary>
    public bool Broken => OpenReceivers == 0;

    // ---- sending ---------------------------------------------------------------------------------------------

    /// <summary>Delivers <paramref name="item"/> now if a receiver waits or the buffer has room.</summary>
    public bool TryDeliver(T item, Kernel? current = null)
    {
        if (Broken) throw new BrokenChannelException(ToString());
        CheckLoop(current);
        if (_receivers.First is { } receiver)
        {
            _receivers.Remove(receiver);
            receiver.Item = item;
            Sent++;
            Received++;
            Complete(receiver, WaitOutcome.Done);
            return true;
        }
        if (_buffer.Count < Limit)
        {
            _buffer.Enqueue(item);
            Sent++;
            return true;
        }
        return false;
    }

    /// <summary>Starts a send: done at once, or parked on a node holding the item.</summary>
    public ChannelOp BeginSend(T item, out ChannelWaiter<T>? node)
    {
        node = null;
        var me = Grant.Current;
        if (Grant.CancelPending(me)) return ChannelOp.Cancelled;
        if (TryDeliver(item, me.Kernel)) return ChannelOp.Done;
        node = RentSender(me);
        me.Kernel.PrepareToPark(me, node); // first: it refuses a misuse before the channel changes
        node.Item = item;
        _senders.Add(node);
        SenderParks++;
        AssertInvariants();
        return ChannelOp.Parked;
    }

    /// <summary>Ends a parked send: returns the node to the pool, throws if cancelled, closed or broken.</summary>
    public void EndSend(ChannelWaiter<T> node)
    {
        var outcome = node.Outcome;
        Return(node);
        Kernel.Require().EndWait();
        if (outcome == WaitOutcome.Closed) throw new BrokenChannelException(ToString());
    }

    // ---- receiving -------------------------------------------------------------------------------------------

    /// <summary>Takes an item now if the buffer or a waiting sender has one.</summary>
    public bool TryTake(out T item, Kernel? current = null)
    {
        CheckLoop(current);
        if (_buffer.Count > 0)
        {
            item = _buffer.Dequeue();
            Received++;
            if (_senders.First is { } refill)
            {
                // The freed slot goes to the longest-waiting sender at once, so no later sender can take it.
                _senders.Remove(refill);
                _buffer.Enqueue(refill.Item);
                refill.Item = default!;
                Sent++;
                Complete(refill, WaitOutcome.Done);
            }
            return true;
        }
        if (_senders.First is { } sender)
        {
            _senders.Remove(sender);
            item = sender.Item;
            sender.Item = default!;
            Sent++;
            Received++;
            Complete(sender, WaitOutcome.Done);
            return true;
        }
        item = default!;
        return false;
    }

    /// <summary>Starts a receive: an item at once, closed, or parked on a node.</summary>
    public ChannelOp BeginReceive(out T item, out ChannelWaiter<T>? node)
    {
        node = null;
        var me = Grant.Current;
        if (Grant.CancelPending(me))
        {
            item = default!;
            return ChannelOp.Cancelled;
        }
        if (TryTake(out item, me.Kernel)) return ChannelOp.Done;
        if (SendClosed) return ChannelOp.Closed;
        node = RentReceiver(me);
        me.Kernel.PrepareToPark(me, node); // first: it refuses a misuse before the channel changes
        _receivers.Add(node);
        ReceiverParks++;
        AssertInvariants();
        return ChannelOp.Parked;
    }

    /// <summary>Ends a parked receive: the item, or false when the channel closed; throws if cancelled.</summary>
    public bool EndReceive(ChannelWaiter<T> node, out T item)
    {
        var outcome = node.Outcome;
        item = node.Item;
        Return(node);
        Kernel.Require().EndWait();
        return outcome == WaitOutcome.Done;
    }

    // ---- closing ---------------------------------------------------------------------------------------------

    /// <summary>One sender handle closed; the last one ends the stream for every waiting receiver.</summary>
    public void CloseSender()
    {
        CheckLoop();
        if (--OpenSenders > 0) return;
        while (_receivers.First is { } receiver)
        {
            _receivers.Remove(receiver);
            Complete(receiver, WaitOutcome.Closed);
        }
    }

    /// <summary>One receiver handle closed; the last one drops the buffer and fails every waiting sender.</summary>
    public void CloseReceiver()
    {
        CheckLoop();
        if (--OpenReceivers > 0) return;
        _buffer.Clear();
        while (_senders.First is { } sender)
        {
            _senders.Remove(sender);
            Complete(sender, WaitOutcome.Closed);
        }
    }

    // ---- waiters ---------------------------------------------------------------------------------------------

    /// <summary>Links a select's node as a waiting sender or receiver.</summary>
    public void Enlist(ChannelWaiter<T> node)
    {
        node.Outcome = WaitOutcome.Pending;
        (node.IsSender ? _senders : _receivers).Add(node);
        if (node.IsSender) SenderParks++;
        else ReceiverParks++;
    }

    /// <summary>Unlinks a waiter that gave up (cancelled, or its select fired elsewhere).</summary>
    public void Unlink(ChannelWaiter<T> node) => (node.IsSender ? _senders : _receivers).Remove(node);

    /// <summary>
    /// Refuses to serve waiters of another loop (a channel is used by one loop at a time): checked before any change.
    /// <paramref name="current"/> is the caller's loop when it has it at hand, which saves a thread-static read on the hot path.
    /// </summary>
    private void CheckLoop(Kernel? current = null)
    {
        var waiter = _receivers.First ?? _senders.First;
        if (waiter?.Strand is { } strand && strand.Kernel != (current ?? Kernel.Current)) throw Misuse.OtherLoop(ToString());
    }

    private static void Complete(ChannelWaiter<T> node, WaitOutcome outcome)
    {
        node.Outcome = outcome;
        if (node.Select is { } select) select.Fire(node.CaseIndex);
        else node.Strand!.Kernel.Wake(node.Strand);
    }

    private ChannelWaiter<T> RentSender(Strand me)
    {
        var node = _freeSender ?? new ChannelWaiter<T>(this, isSender: true);
        _freeSender = node.Next;
        return Prepare(node, me);
    }

    private ChannelWaiter<T> RentReceiver(Strand me)
    {
        var node = _freeReceiver ?? new ChannelWaiter<T>(this, isSender: false);
        _freeReceiver = node.Next;
        return Prepare(node, me);
    }

    private static ChannelWaiter<T> Prepare(ChannelWaiter<T> node, Strand me)
    {
        node.Next = null;
        node.Strand = me;
        node.Outcome = WaitOutcome.Pending;
        return node;
    }

    private void Return(ChannelWaiter<T> node)
    {
        node.Strand = null;
        node.Item = default!;
        if (node.IsSender)
        {
            node.Next = _freeSender;
            _freeSender = node;
        }
        else
        {
            node.Next = _freeReceiver;
            _freeReceiver = node;
        }
    }

    public ChannelStatistics Statistics() => new(Name, _buffer.Count, Capacity, OpenSenders, OpenReceivers,
        _senders.Count, _receivers.Count, Sent, Received, SenderParks, ReceiverParks);

    public int Buffered => _buffer.Count;

    /// <inheritdoc />
    public override string ToString() =>
        $"Channel '{Name}' ({_buffer.Count}/{(Capacity is { } c ? c.ToString() : "unbounded")} buffered, {_senders.Count} sending, {_receivers.Count} receiving{(SendClosed ? ", closed" : "")})";

    private void AssertInvariants()
    {
        if (!Invariant.Enabled) return;
        Invariant.That(_receivers.Count == 0 || _buffer.Count == 0, "waiting receivers imply an empty buffer");
        Invariant.That(_senders.Count == 0 || _buffer.Count == Limit, "waiting senders imply a full buffer");
    }
}
