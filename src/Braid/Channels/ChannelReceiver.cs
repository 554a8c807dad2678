namespace Braid;

/// <summary>
/// The receiving end of a channel: <c>await receiver.Receive()</c>, or <c>await foreach (var item in receiver)</c>
/// to drain it until every sender has closed. Clone it for each consumer; when the last clone closes, senders fail
/// with <see cref="BrokenChannelException"/> instead of waiting forever.
/// </summary>
public sealed class ChannelReceiver<T> : IDisposable
{
    private readonly ChannelCore<T> _core;
    private bool _closed;

    internal ChannelReceiver(ChannelCore<T> core) => _core = core;

    /// <summary>True once this handle was closed.</summary>
    public bool IsClosed => _closed;

    /// <summary>True when every sender has closed and nothing is buffered: receives would end the stream.</summary>
    public bool IsCompleted => _core.SendClosed && _core.Buffered == 0;

    /// <summary>
    /// Receives the next item, waiting while there is none (a cancellation point). Throws <see cref="EndOfChannelException"/>
    /// once every sender has closed and the buffer is drained.
    /// </summary>
    public ReceiveAwaitable<T> Receive()
    {
        RequireOpen();
        var op = _core.BeginReceive(out var item, out var node);
        return new ReceiveAwaitable<T>(op, _core, node, item);
    }

    /// <summary>Receives an item if one is ready; never waits.</summary>
    public bool TryReceive(out T item)
    {
        RequireOpen();
        return _core.TryTake(out item);
    }

    /// <summary>A receive case for <see cref="Select"/>.</summary>
    public ReceiveCase<T> ReceiveCase()
    {
        RequireOpen();
        return new ReceiveCase<T>(_core);
    }

    /// <summary>A new receiver handle on the same channel, counted separately.</summary>
    public ChannelReceiver<T> Clone()
    {
        RequireOpen();
        _core.OpenReceivers++;
        return new ChannelReceiver<T>(_core);
    }

    /// <summary>Closes this handle; closing the last one drops what is buffered and fails senders. Idempotent.</summary>
    public void Close()
    {
        if (_closed) return;
        _closed = true;
        _core.CloseReceiver();
    }

    /// <summary>Closes this handle.</summary>
    public void Dispose() => Close();

    /// <summary>Enumerates items until the channel ends; used by <c>await foreach</c>.</summary>
    public Enumerator GetAsyncEnumerator() => new(this);

    /// <summary>A snapshot of the channel.</summary>
    public ChannelStatistics Statistics() => _core.Statistics();

    /// <inheritdoc />
    public override string ToString() => _core.ToString();

    private void RequireOpen()
    {
        if (_closed) throw new ClosedResourceException($"This receiver of {_core} was closed.");
    }

    /// <summary>The <c>await foreach</c> enumerator: receives until the end of the stream.</summary>
    public sealed class Enumerator
    {
        private readonly ChannelReceiver<T> _receiver;
        private readonly Action<T> _store;

        internal Enumerator(ChannelReceiver<T> receiver)
        {
            _receiver = receiver;
            _store = item => Current = item;
        }

        /// <summary>The item received last.</summary>
        public T Current { get; private set; } = default!;

        /// <summary>Receives the next item; false at the end of the stream.</summary>
        public ReceiveOrEndAwaitable<T> MoveNextAsync() => new(_receiver.Receive(), _store);
    }
}
