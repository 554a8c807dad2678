using System.Threading.Channels;
using Braid.Tests.Conformance;

namespace Braid.Tests.Channels;

/// <summary>
/// A channel of ints seen through send, receive, close and the try-variants, so one check runs over Braid's memory
/// channels (on a loop), its <see cref="ThreadChannel{T}"/> and System.Threading.Channels (on threads), and a
/// deliberately broken channel the checks must catch. Receive throws <see cref="EndOfChannelException"/> once the
/// channel is closed and drained; a send after close throws <see cref="ClosedResourceException"/>.
/// </summary>
public abstract class ChannelLike(string name, Family family, int? capacity)
{
    /// <summary>Where its contenders run.</summary>
    public Family Family => family;

    /// <summary>The buffer size, or null for unbounded.</summary>
    public int? Capacity => capacity;

    /// <summary>Sends, waiting while full (a rendezvous: until a receiver takes it).</summary>
    public abstract Step Send(int item);

    /// <summary>Receives, waiting while empty.</summary>
    public abstract Step<int> Receive();

    /// <summary>Closes for sending: receivers drain what is left, then get the end.</summary>
    public abstract void Close();

    /// <summary>Sends if there is room now; never waits.</summary>
    public abstract bool TrySend(int item);

    /// <summary>Receives if an item is ready now; never waits.</summary>
    public abstract bool TryReceive(out int item);

    public override string ToString() => name;
}

/// <summary>Braid's memory channel, on a loop.</summary>
public sealed class MemoryChannelLike((ChannelSender<int> Sender, ChannelReceiver<int> Receiver) ends, int? capacity)
    : ChannelLike($"MemoryChannel({capacity?.ToString() ?? "unbounded"})", Family.Coroutines, capacity)
{
    /// <summary>Its two ends, for the checks only memory channels have (clones, cancellation, deadlock reports).</summary>
    public (ChannelSender<int> Sender, ChannelReceiver<int> Receiver) Ends => ends;

    public override Step Send(int item) => new(async () => await ends.Sender.Send(item), null, mayBlock: true);

    public override Step<int> Receive() => new(async () => await ends.Receiver.Receive(), null, mayBlock: true);

    public override void Close() => ends.Sender.Close();

    public override bool TrySend(int item) => ends.Sender.TrySend(item);

    public override bool TryReceive(out int item) => ends.Receiver.TryReceive(out item);
}

/// <summary>Braid's channel for OS threads.</summary>
public sealed class ThreadChannelLike(int? capacity)
    : ChannelLike($"ThreadChannel({capacity?.ToString() ?? "unbounded"})", Family.Threads, capacity)
{
    private readonly ThreadChannel<int> _channel = new(capacity);

    public override Step Send(int item) => new(null, () => _channel.Send(item), mayBlock: true);

    public override Step<int> Receive() => new(null, _channel.Receive, mayBlock: true);

    public override void Close() => _channel.Close();

    public override bool TrySend(int item) => _channel.TrySend(item);

    public override bool TryReceive(out int item) => _channel.TryReceive(out item);
}

/// <summary>
/// System.Threading.Channels, its async calls waited for on threads, its <see cref="ChannelClosedException"/> read as
/// Braid's end of channel (on receive) and closed resource (on send).
/// </summary>
public sealed class SystemChannelLike(int? capacity)
    : ChannelLike($"System.Threading.Channels({capacity?.ToString() ?? "unbounded"})", Family.Threads, capacity)
{
    // Synchronous continuations: the thread that completes a read or write wakes the waiting thread itself, rather
    // than through a thread-pool work item that a busy pool (other tests run beside these) would delay.
    private readonly Channel<int> _channel = capacity is { } c
        ? Channel.CreateBounded<int>(new BoundedChannelOptions(c) { AllowSynchronousContinuations = true })
        : Channel.CreateUnbounded<int>(new UnboundedChannelOptions { AllowSynchronousContinuations = true });

    public override Step Send(int item) => new(null, () =>
    {
        try
        {
            _channel.Writer.WriteAsync(item).AsTask().GetAwaiter().GetResult();
        }
        catch (ChannelClosedException e)
        {
            throw new ClosedResourceException(e.Message);
        }
    }, mayBlock: true);

    public override Step<int> Receive() => new(null, () =>
    {
        try
        {
            return _channel.Reader.ReadAsync().AsTask().GetAwaiter().GetResult();
        }
        catch (ChannelClosedException)
        {
            throw new EndOfChannelException(ToString());
        }
    }, mayBlock: true);

    public override void Close() => _channel.Writer.TryComplete();

    public override bool TrySend(int item) => _channel.Writer.TryWrite(item);

    public override bool TryReceive(out int item) => _channel.Reader.TryRead(out item);
}

/// <summary>
/// A deliberately broken channel: the second item offered (by <see cref="Send"/> or <see cref="TrySend"/>) is
/// reported delivered and thrown away; everything else goes to the channel underneath.
/// </summary>
public sealed class DroppingChannelLike(ChannelLike inner) : ChannelLike($"Dropping {inner}", inner.Family, inner.Capacity)
{
    private int _offered;

    private bool Drops() => Interlocked.Increment(ref _offered) == 2;

    public override Step Send(int item) => Drops() ? new(() => Coroutine.CompletedCoroutine, () => { }, mayBlock: false) : inner.Send(item);

    public override Step<int> Receive() => inner.Receive();

    public override void Close() => inner.Close();

    public override bool TrySend(int item) => Drops() || inner.TrySend(item);

    public override bool TryReceive(out int item) => inner.TryReceive(out item);
}
