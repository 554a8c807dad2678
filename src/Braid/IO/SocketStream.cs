using System.Net;
using System.Net.Sockets;

namespace Braid.IO;

/// <summary>
/// A connected stream socket on the loop (Trio's SocketStream, asyncio's StreamReader and StreamWriter in one): TCP or
/// a Unix domain socket. Reads come from the stream's buffer first, then straight from the socket; writes go straight
/// to the socket and only what it does not take now is buffered (<see cref="Write"/>, then <see cref="DrainAsync"/>).
/// </summary>
/// <remarks>
/// Every operation is a cancellation point. A cancelled read loses no byte: whatever it had received stays in the
/// stream's buffer for the next read. One strand may read while another writes; two concurrent readers (or writers)
/// are a mistake and throw. Use from the loop that opened it only. After <see cref="Dispose"/> every operation throws
/// <see cref="ClosedResourceException"/>, including one parked at the time.
/// </remarks>
public sealed partial class SocketStream : IDisposable
{
    /// <summary>Buffered bytes above which <see cref="DrainAsync"/> waits (asyncio's high-water mark).</summary>
    public const int DefaultHighWater = 64 * 1024;

    /// <summary>Longest line or delimited record <see cref="ReadUntilAsync"/> accepts by default (asyncio's limit).</summary>
    public const int DefaultLimit = 64 * 1024;

    private readonly Socket _socket;
    private readonly IoHandle _io;
    private ByteBuffer _received;
    private ByteBuffer _unsent;
    private int _turnsWithoutPark;
    private bool _peerFinished;
    private bool _sendShut;
    private bool _closed;

    internal SocketStream(Socket socket, Kernel kernel)
    {
        _socket = socket;
        if (socket.ProtocolType == ProtocolType.Tcp) socket.NoDelay = true; // request-response traffic: no Nagle delay
        _io = IoHandle.Register(kernel, socket);
    }

    /// <summary>The local address.</summary>
    public EndPoint? LocalEndPoint => _closed ? null : _socket.LocalEndPoint;

    /// <summary>The peer's address.</summary>
    public EndPoint? RemoteEndPoint => _closed ? null : _socket.RemoteEndPoint;

    /// <summary>Bytes received and not yet read.</summary>
    public int Buffered => _received.Count;

    /// <summary>Bytes written and not yet taken by the socket.</summary>
    public int BufferedForWrite => _unsent.Count;

    /// <summary>Bytes waiting in the OS's receive buffer (for tests: has the reader taken what was sent?).</summary>
    internal int SocketAvailable => _socket.Available;

    /// <summary>True once the peer has finished sending (a read returned end of stream).</summary>
    public bool AtEnd => _peerFinished && _received.Count == 0;

    /// <summary>True once closed (by <see cref="Dispose"/>, <see cref="CloseAsync"/> or <see cref="Abort"/>).</summary>
    public bool IsClosed => _closed;

    /// <summary>
    /// This stream as a <see cref="Stream"/>, for Stream-based code such as SslStream: its async reads and writes run
    /// as strands on this loop, from whatever thread calls them; its blocking members throw. Disposing it closes the socket.
    /// </summary>
    public Stream AsStream() => new LoopStream(this, _io.Kernel);

    // ---- closing ----------------------------------------------------------------------------------------------

    /// <summary>Graceful close (Trio's aclose, asyncio's close then wait_closed): sends what is buffered, then closes.</summary>
    public async Coroutine CloseAsync()
    {
        if (_closed) return;
        try
        {
            await FlushAsync(0);
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>Abortive close: the peer gets a reset instead of an end of stream, and buffered bytes are dropped.</summary>
    public void Abort()
    {
        if (_closed) return;
        try
        {
            _socket.LingerState = new LingerOption(true, 0);
        }
        catch (SocketException)
        {
            // Already broken: closing is all that is left.
        }
        Dispose();
    }

    /// <summary>Closes now: the OS still delivers what the socket took, but bytes buffered here are dropped.</summary>
    public void Dispose()
    {
        if (_closed) return;
        _closed = true;
        _io.Close(); // a strand parked on the socket wakes to ClosedResourceException
    }

    private void ThrowIfClosed()
    {
        if (_closed) throw new ClosedResourceException("This socket stream is closed.");
    }

    /// <summary>
    /// Fairness: a connection whose data is always ready would never park, and so never let another strand run. Every
    /// <see cref="FairnessTurns"/>th operation in a row that did not park yields first (Trio makes every operation a
    /// schedule point; this keeps most of them free). It yields before taking anything, so a cancellation there loses nothing.
    /// </summary>
    private bool DueForYield()
    {
        if (++_turnsWithoutPark < FairnessTurns) return false;
        _turnsWithoutPark = 0;
        return true;
    }

    private const int FairnessTurns = 64;

    private ParkAwaitable ParkUntilReadable()
    {
        _turnsWithoutPark = 0;
        return _io.WaitReadable();
    }

    private ParkAwaitable ParkUntilWritable()
    {
        _turnsWithoutPark = 0;
        return _io.WaitWritable();
    }

    /// <summary>The start of every operation: a cancellation point, and a closed stream refuses.</summary>
    private void Checkpoint()
    {
        ThrowIfClosed();
        if (!Kernel.NothingCancelledAnywhere) _io.Kernel.ThrowIfCancelPending();
    }
}
