namespace Braid;

/// <summary>
/// The sending end of a channel. Clone it for each producer; the channel closes for receivers when every clone is
/// closed (reference counting, as Trio's memory channels do). Disposing closes it.
/// </summary>
public sealed class ChannelSender<T> : IDisposable
{
    private readonly ChannelCore<T> _core;
    private bool _closed;

    internal ChannelSender(ChannelCore<T> core) => _core = core;

    /// <summary>True once this handle was closed.</summary>
    public bool IsClosed => _closed;

    /// <summary>
    /// Sends <paramref name="item"/>, waiting while the buffer is full (a cancellation point). Returning means it
    /// was delivered; <see cref="CancelledException"/> means it was not; <see cref="BrokenChannelException"/> means no receiver is left.
    /// </summary>
    public SendAwaitable<T> Send(T item)
    {
        RequireOpen();
        var op = _core.BeginSend(item, out var node);
        return new SendAwaitable<T>(op, node);
    }

    /// <summary>Sends if that needs no wait (a receiver waits or the buffer has room); never waits.</summary>
    public bool TrySend(T item)
    {
        RequireOpen();
        return _core.TryDeliver(item);
    }

    /// <summary>A send case for <see cref="Select"/>.</summary>
    public SendCase<T> SendCase(T item)
    {
        RequireOpen();
        return new SendCase<T>(_core, item);
    }

    /// <summary>A new sender handle on the same channel, counted separately.</summary>
    public ChannelSender<T> Clone()
    {
        RequireOpen();
        _core.OpenSenders++;
        return new ChannelSender<T>(_core);
    }

    /// <summary>Closes this handle; closing the last one ends the stream after the buffer drains. Idempotent.</summary>
    public void Close()
    {
        if (_closed) return;
        _closed = true;
        _core.CloseSender();
    }

    /// <summary>Closes this handle.</summary>
    public void Dispose() => Close();

    /// <summary>A snapshot of the channel.</summary>
    public ChannelStatistics Statistics() => _core.Statistics();

    /// <inheritdoc />
    public override string ToString() => _core.ToString();

    private void RequireOpen()
    {
        if (_closed) throw new ClosedResourceException($"This sender of {_core} was closed.");
    }
}
