using System.Net.Sockets;

namespace Braid.IO;

public sealed partial class SocketStream
{
    /// <summary>
    /// Writes without waiting (asyncio's write): the socket takes what it can now and the rest is buffered here. Follow
    /// with <see cref="DrainAsync"/>, which waits while the buffer is over its high-water mark, so a fast writer to a
    /// slow reader is held back instead of buffering without bound.
    /// </summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        ThrowIfWriteClosed();
        if (_unsent.Count == 0) data = data[TrySend(data)..];
        if (!data.IsEmpty) _unsent.Append(data);
    }

    /// <summary>Waits until at most <paramref name="highWater"/> bytes are buffered for sending (asyncio's drain); a cancellation point.</summary>
    public Coroutine DrainAsync(int highWater = DefaultHighWater) => FlushAsync(highWater);

    /// <summary>
    /// Sends every byte of <paramref name="data"/> (Trio's send_all): returns when the socket has taken them all. The
    /// bytes are sent or copied before the first suspension, so <paramref name="data"/> may be reused once this is
    /// called. If cancelled, what was not yet sent stays buffered and goes out with the next write or drain.
    /// </summary>
    public Coroutine SendAllAsync(ReadOnlyMemory<byte> data)
    {
        Checkpoint();
        // The bytes are taken (sent or copied) before anything can suspend, so the caller may reuse its buffer at once.
        Write(data.Span);
        if (DueForYield()) return YieldThenFlushAsync();
        return _unsent.Count == 0 ? Coroutine.CompletedCoroutine : FlushAsync(0);
    }

    private async Coroutine YieldThenFlushAsync()
    {
        await Loop.Yield(); // a cancellation here leaves what is unsent buffered, as any cancelled send does
        await FlushAsync(0);
    }

    /// <summary>Half-close (Trio's send_eof, asyncio's write_eof): sends what is buffered, then the end of stream; reading goes on.</summary>
    public async Coroutine SendEofAsync()
    {
        await FlushAsync(0);
        if (_sendShut) return;
        _sendShut = true;
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException e)
        {
            throw SocketErrors.Failed("shutdown", e.SocketErrorCode);
        }
    }

    private async Coroutine FlushAsync(int highWater)
    {
        Checkpoint();
        while (_unsent.Count > highWater)
        {
            var n = TrySend(_unsent.Span);
            if (n > 0)
            {
                _unsent.Consume(n);
                continue;
            }
            await ParkUntilWritable();
            ThrowIfClosed();
        }
    }

    /// <summary>One nonblocking send: how many bytes the socket took (0 when it would block); throws on error.</summary>
    private int TrySend(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return 0;
        var n = _socket.Send(data, SocketFlags.None, out var error);
        if (error == SocketError.Success) return n;
        if (SocketErrors.WouldBlock(error)) return 0;
        throw SocketErrors.Failed("send", error);
    }

    private void ThrowIfWriteClosed()
    {
        ThrowIfClosed();
        if (_sendShut) throw new ClosedResourceException("This socket stream has sent its end of stream; it cannot write more.");
    }

    /// <summary>Parks until a connect in progress has finished (the socket turns writable).</summary>
    internal async Coroutine WaitConnectedAsync() => await _io.WaitWritable();
}
