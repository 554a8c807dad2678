namespace Braid;

/// <summary>
/// Opens channels (Trio's memory channels, Go's chan): "do not communicate by sharing memory; share memory by
/// communicating". Each call returns the first sender and receiver handles; clone them to share, close each when
/// done. The channel ends for receivers when its last sender closes, after they drain what is left.
/// </summary>
public static class MemoryChannel
{
    /// <summary>
    /// Opens a channel whose buffer holds <paramref name="capacity"/> items; a full buffer makes senders wait
    /// (back-pressure). Capacity 0 is a rendezvous: each send waits until a receiver takes its item.
    /// </summary>
    public static (ChannelSender<T> Sender, ChannelReceiver<T> Receiver) Open<T>(int capacity, string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        return Pair(new ChannelCore<T>(capacity, name));
    }

    /// <summary>Opens a channel with no bound: sends never wait (and nothing pushes back on a fast producer).</summary>
    public static (ChannelSender<T> Sender, ChannelReceiver<T> Receiver) OpenUnbounded<T>(string? name = null) =>
        Pair(new ChannelCore<T>(null, name));

    /// <summary>Opens a rendezvous channel (capacity 0): sender and receiver meet for every item.</summary>
    public static (ChannelSender<T> Sender, ChannelReceiver<T> Receiver) OpenRendezvous<T>(string? name = null) => Open<T>(0, name);

    private static (ChannelSender<T>, ChannelReceiver<T>) Pair<T>(ChannelCore<T> core) => (new(core), new(core));
}
