using System.Runtime.CompilerServices;

namespace Braid.CompilerServices;

/// <summary>
/// The awaitable of <see cref="ChannelSender{T}.Send"/>. Returning means the item was delivered; throwing
/// <see cref="CancelledException"/> means it was not. Await it at once.
/// </summary>
public readonly struct SendAwaitable<T>
{
    private readonly ChannelWaiter<T>? _node;
    private readonly ChannelOp _op;
    private readonly int _token;

    internal SendAwaitable(ChannelOp op, ChannelWaiter<T>? node)
    {
        _op = op;
        _node = node;
        _token = op == ChannelOp.Parked ? node!.Strand!.ParkCount : 0; // the park this send is, checked at the await
    }

    /// <summary>Gets the awaiter; used by <c>await</c>.</summary>
    public SendAwaiter<T> GetAwaiter() => new(_op, _node, _token);
}

/// <summary>Awaits a send.</summary>
public readonly struct SendAwaiter<T> : ICriticalNotifyCompletion, IKernelTrap
{
    private readonly ChannelWaiter<T>? _node;
    private readonly ChannelOp _op;
    private readonly int _token;

    internal SendAwaiter(ChannelOp op, ChannelWaiter<T>? node, int token)
    {
        _op = op;
        _node = node;
        _token = token;
    }

    /// <summary>
    /// True when the send finished without parking, or a pending cancellation withdrew it. Throws
    /// <see cref="InvalidOperationException"/> when this send was already awaited.
    /// </summary>
    public bool IsCompleted => _op != ChannelOp.Parked || Kernel.Require().BeginAwaitPark(_token);

    /// <summary>Ends the send; throws <see cref="CancelledException"/> (not delivered) or <see cref="BrokenChannelException"/>.</summary>
    public void GetResult()
    {
        switch (_op)
        {
            case ChannelOp.Parked: _node!.Channel.EndSend(_node); break;
            case ChannelOp.Cancelled: Kernel.Require().ThrowIfCancelPending(); break;
        }
    }

    /// <inheritdoc />
    public void OnCompleted(Action continuation) => UnsafeOnCompleted(continuation);

    /// <inheritdoc />
    public void UnsafeOnCompleted(Action continuation) => Kernel.Require().SuspendCurrent(new ActionResumable(continuation));
}
