namespace Braid;

/// <summary>One case of a <see cref="Select"/>: a send, a receive, a timeout or a default. A case can be reused across selects.</summary>
public abstract class SelectCase
{
    private protected SelectCase()
    {
    }

    /// <summary>Performs the case now if it is ready; true if it fired.</summary>
    internal abstract bool TryNow();

    /// <summary>Queues the case's waiter in its channel for the parked select.</summary>
    internal abstract void Enlist(SelectSite site, int index, Strand strand);

    /// <summary>Takes the case's waiter out of its channel (the select fired elsewhere or was cancelled).</summary>
    internal abstract void Withdraw();

    /// <summary>After the parked select woke with this case: collects its result (the select then releases every case).</summary>
    internal abstract void Finish();

    /// <summary>True for cases that wait in a channel (not timeout or default).</summary>
    internal virtual bool IsChannelCase => true;

    /// <summary>True while a parked select holds this case (its waiter is enlisted or the select has not collected it).</summary>
    internal virtual bool InUse => false;

    /// <summary>Frees the case once its select has ended, whichever case fired.</summary>
    internal virtual void Release()
    {
    }

    /// <summary>Describes the case for deadlock reports.</summary>
    internal abstract string Describe();
}

/// <summary>A receive case: when it fires, <see cref="Value"/> holds the item, or <see cref="IsClosed"/> is true (Go's <c>v, ok := &lt;-ch</c>).</summary>
public sealed class ReceiveCase<T> : SelectCase
{
    private readonly ChannelCore<T> _core;
    private readonly ChannelWaiter<T> _node;

    internal ReceiveCase(ChannelCore<T> core)
    {
        _core = core;
        _node = new ChannelWaiter<T>(core, isSender: false);
    }

    /// <summary>The item received when this case fired.</summary>
    public T Value { get; private set; } = default!;

    /// <summary>True when this case fired because the channel ended (closed and drained).</summary>
    public bool IsClosed { get; private set; }

    internal override bool TryNow()
    {
        Value = default!;
        IsClosed = false;
        if (_core.TryTake(out var item))
        {
            Value = item;
            return true;
        }
        IsClosed = _core.SendClosed;
        return IsClosed;
    }

    internal override void Enlist(SelectSite site, int index, Strand strand)
    {
        _node.Select = site;
        _node.CaseIndex = index;
        _node.Strand = strand;
        _core.Enlist(_node);
    }

    internal override void Withdraw() => _core.Unlink(_node);

    internal override void Finish()
    {
        IsClosed = _node.Outcome != WaitOutcome.Done;
        Value = _node.Item;
        _node.Item = default!;
    }

    internal override bool InUse => _node.Strand is not null;

    internal override void Release()
    {
        _node.Strand = null;
        _node.Select = null;
    }

    internal override string Describe() => _node.Describe();
}

/// <summary>A send case: when it fires, its item was delivered.</summary>
public sealed class SendCase<T> : SelectCase
{
    private readonly ChannelCore<T> _core;
    private readonly ChannelWaiter<T> _node;

    internal SendCase(ChannelCore<T> core, T item)
    {
        _core = core;
        _node = new ChannelWaiter<T>(core, isSender: true);
        Item = item;
    }

    /// <summary>The item this case sends; may be changed between selects.</summary>
    public T Item { get; set; }

    internal override bool TryNow() => _core.TryDeliver(Item);

    internal override void Enlist(SelectSite site, int index, Strand strand)
    {
        _node.Select = site;
        _node.CaseIndex = index;
        _node.Strand = strand;
        _node.Item = Item;
        _core.Enlist(_node);
    }

    internal override void Withdraw()
    {
        _core.Unlink(_node);
        _node.Item = default!;
    }

    internal override void Finish()
    {
        if (_node.Outcome == WaitOutcome.Closed) throw new BrokenChannelException(_core.ToString());
    }

    internal override bool InUse => _node.Strand is not null;

    internal override void Release()
    {
        _node.Strand = null;
        _node.Select = null;
    }

    internal override string Describe() => _node.Describe();
}

/// <summary>A timeout case: fires when nothing else did within <see cref="After"/>.</summary>
public sealed class TimeoutCase : SelectCase
{
    internal TimeoutCase(TimeSpan after) => After = after;

    /// <summary>How long the select waits before this case fires.</summary>
    public TimeSpan After { get; }

    internal override bool TryNow() => false;

    internal override void Enlist(SelectSite site, int index, Strand strand)
    {
    }

    internal override void Withdraw()
    {
    }

    internal override void Finish()
    {
    }

    internal override bool IsChannelCase => false;

    internal override string Describe() => $"timeout {After.TotalSeconds:0.###} s";
}

/// <summary>A default case: fires at once when no other case is ready, so the select never waits.</summary>
public sealed class DefaultCase : SelectCase
{
    internal DefaultCase()
    {
    }

    internal override bool TryNow() => false;

    internal override void Enlist(SelectSite site, int index, Strand strand)
    {
    }

    internal override void Withdraw()
    {
    }

    internal override void Finish()
    {
    }

    internal override bool IsChannelCase => false;

    internal override string Describe() => "default";
}
