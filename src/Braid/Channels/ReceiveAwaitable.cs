using System.Runtime.CompilerServices;

namespace Braid.CompilerServices;

/// <summary>
/// The awaitable of <see cref="ChannelReceiver{T}.Receive"/>: the next item, or <see cref="EndOfChannelException"/> once the
/// channel is closed and drained. A receive that throws <see cref="CancelledException"/> took nothing. Await it at once.
/// </summary>
public readonly struct ReceiveAwaitable<T>
{
    private readonly ChannelCore<T>? _channel;
    private readonly ChannelWaiter<T>? _node;
    private readonly T _item;
    private readonly ChannelOp _op;
    private readonly int _token;

    internal ReceiveAwaitable(ChannelOp op, ChannelCore<T> channel, ChannelWaiter<T>? node, T item)
    {
        _op = op;
        _channel = channel;
        _node = node;
        _item = item;
        _token = op == ChannelOp.Parked ? node!.Strand!.ParkCount : 0; // the park this receive is, checked at the await
    }

    /// <summary>Gets the awaiter; used by <c>await</c>.</summary>
    public ReceiveAwaiter<T> GetAwaiter() => new(_op, _channel!, _node, _item, _token);
}

/// <summary>Awaits a receive.</summary>
public readonly struct ReceiveAwaiter<T> : ICriticalNotifyCompletion, IKernelTrap
{
    private readonly ChannelCore<T> _channel;
    private readonly ChannelWaiter<T>? _node;
    private readonly T _item;
    private readonly ChannelOp _op;
    private readonly int _token;

    internal ReceiveAwaiter(ChannelOp op, ChannelCore<T> channel, ChannelWaiter<T>? node, T item, int token)
    {
        _op = op;
        _channel = channel;
        _node = node;
        _item = item;
        _token = token;
    }

    /// <summary>
    /// True when the receive finished without parking, or a pending cancellation withdrew it. Throws
    /// <see cref="InvalidOperationException"/> when this receive was already awaited (its pooled node may now serve another).
    /// </summary>
    public bool IsCompleted => _op != ChannelOp.Parked || Kernel.Require().BeginAwaitPark(_token);

    /// <summary>Ends the receive: the item; throws <see cref="EndOfChannelException"/> or <see cref="CancelledException"/>.</summary>
    public T GetResult()
    {
        switch (_op)
        {
            case ChannelOp.Done:
                return _item;
            case ChannelOp.Parked:
                if (_channel.EndReceive(_node!, out var item)) return item;
                break;
            case ChannelOp.Cancelled:
                Kernel.Require().ThrowIfCancelPending();
                break;
        }
        throw new EndOfChannelException(_channel.ToString());
    }

    /// <inheritdoc />
    public void OnCompleted(Action continuation) => UnsafeOnCompleted(continuation);

    /// <inheritdoc />
    public void UnsafeOnCompleted(Action continuation) => Kernel.Require().SuspendCurrent(new ActionResumable(continuation));
}

/// <summary>
/// The awaitable of a receive that ends a stream quietly: true with the item, or false once the channel is closed
/// and drained. Used by <c>await foreach</c>.
/// </summary>
public readonly struct ReceiveOrEndAwaitable<T>
{
    private readonly ReceiveAwaitable<T> _receive;
    private readonly Action<T>? _store;

    internal ReceiveOrEndAwaitable(ReceiveAwaitable<T> receive, Action<T>? store)
    {
        _receive = receive;
        _store = store;
    }

    /// <summary>Gets the awaiter; used by <c>await</c>.</summary>
    public ReceiveOrEndAwaiter<T> GetAwaiter() => new(_receive.GetAwaiter(), _store);
}

/// <summary>Awaits a receive that returns false at the end of the stream.</summary>
public readonly struct ReceiveOrEndAwaiter<T> : ICriticalNotifyCompletion, IKernelTrap
{
    private readonly ReceiveAwaiter<T> _inner;
    private readonly Action<T>? _store;

    internal ReceiveOrEndAwaiter(ReceiveAwaiter<T> inner, Action<T>? store)
    {
        _inner = inner;
        _store = store;
    }

    /// <summary>True when the receive finished without parking.</summary>
    public bool IsCompleted => _inner.IsCompleted;

    /// <summary>True with the item handed to the store; false at the end of the stream.</summary>
    public bool GetResult()
    {
        try
        {
            var item = _inner.GetResult();
            _store?.Invoke(item);
            return true;
        }
        catch (EndOfChannelException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public void OnCompleted(Action continuation) => UnsafeOnCompleted(continuation);

    /// <inheritdoc />
    public void UnsafeOnCompleted(Action continuation) => Kernel.Require().SuspendCurrent(new ActionResumable(continuation));
}
