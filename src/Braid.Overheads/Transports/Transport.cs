using Braid.Overheads.Child;

namespace Braid.Overheads.Transports;

/// <summary>What one transfer did: how much was sent and received, whether it arrived intact, and how long it took.</summary>
/// <param name="Transport">The transport's name.</param>
/// <param name="MessageSize">Bytes per message (one write call each).</param>
/// <param name="Messages">Messages sent.</param>
/// <param name="BytesSent">Bytes sent.</param>
/// <param name="BytesReceived">Bytes the receiver counted.</param>
/// <param name="SentHash">XxHash3 of what was sent.</param>
/// <param name="ReceivedHash">XxHash3 of what was received.</param>
/// <param name="Elapsed">From the first write to the receiver's report that it has everything.</param>
public sealed record TransferResult(string Transport, int MessageSize, long Messages, long BytesSent, long BytesReceived,
    ulong SentHash, ulong ReceivedHash, TimeSpan Elapsed)
{
    /// <summary>True when every byte arrived, in order, unchanged.</summary>
    public bool Intact => BytesSent == BytesReceived && SentHash == ReceivedHash;

    /// <summary>Messages per second.</summary>
    public double MessagesPerSecond => Messages / Elapsed.TotalSeconds;

    /// <summary>Megabytes (10^6 bytes) per second.</summary>
    public double MegabytesPerSecond => BytesReceived / 1e6 / Elapsed.TotalSeconds;
}

/// <summary>A way to move bytes from one unit to another: between processes (pipes, sockets, shared memory) or within one.</summary>
public abstract class Transport
{
    /// <summary>Short name, also used on the child's command line (for example <c>pipe</c>).</summary>
    public abstract string Name { get; }

    /// <summary>A label for tables, for example "Unix domain socket".</summary>
    public abstract string Label { get; }

    /// <summary>
    /// Sends <paramref name="totalBytes"/> (rounded down to whole messages) in messages of <paramref name="messageSize"/>
    /// bytes, to a receiver started with <paramref name="child"/> where it is another process.
    /// </summary>
    public abstract TransferResult Transfer(ChildLauncher child, int messageSize, long totalBytes);

    /// <summary>Every transport, between processes first.</summary>
    public static IReadOnlyList<Transport> All { get; } =
    [
        new PipeTransport(),
        new UnixSocketTransport(),
        new TcpTransport(),
        new SharedMemoryTransport(),
        new ChannelTransport(),
    ];

    /// <summary>The transport with this name, or null.</summary>
    public static Transport? ByName(string name) => All.FirstOrDefault(t => t.Name == name);

    /// <summary>Sends the payload's messages down a stream, then flushes.</summary>
    protected static void Send(Stream stream, int messageSize, long messages)
    {
        for (long i = 0; i < messages; i++) stream.Write(Payload.Message(i, messageSize));
        stream.Flush();
    }
}
