using System.Net.Sockets;

namespace Braid.IO;

public sealed partial class SocketStream
{
    /// <summary>
    /// Reads at least one byte into <paramref name="buffer"/> (Trio's receive_some, asyncio's read(n)); returns how
    /// many, or 0 at end of stream.
    /// </summary>
    public async Coroutine<int> ReceiveSomeAsync(Memory<byte> buffer)
    {
        Checkpoint();
        if (DueForYield()) await Loop.Yield();
        if (buffer.IsEmpty) return 0;
        if (_received.Count > 0) return _received.Take(buffer.Span);
        while (true)
        {
            if (TryReceive(buffer.Span, out var n)) return n;
            await ParkUntilReadable();
            ThrowIfClosed();
        }
    }

    /// <summary>Fills <paramref name="buffer"/> exactly (asyncio's readexactly); throws <see cref="EndOfStreamException"/> if the stream ends first.</summary>
    public async Coroutine ReceiveExactlyAsync(Memory<byte> buffer)
    {
        Checkpoint();
        if (DueForYield()) await Loop.Yield();
        var got = _received.Take(buffer.Span);
        try
        {
            while (got < buffer.Length)
            {
                if (TryReceive(buffer.Span[got..], out var n))
                {
                    if (n == 0) throw new EndOfStreamException($"The stream ended after {got} of {buffer.Length} bytes.");
                    got += n;
                    continue;
                }
                await ParkUntilReadable();
                ThrowIfClosed();
            }
        }
        catch (CancelledException)
        {
            _received.Append(buffer.Span[..got]); // the buffer was empty once we read past it: these bytes come first again
            throw;
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes into a new array.</summary>
    public async Coroutine<byte[]> ReceiveExactlyAsync(int count)
    {
        var bytes = new byte[count];
        await ReceiveExactlyAsync(bytes);
        return bytes;
    }

    /// <summary>
    /// Reads up to and including <paramref name="delimiter"/> (asyncio's readuntil). Throws
    /// <see cref="EndOfStreamException"/> if the stream ends first (the partial record stays buffered) and
    /// <see cref="InvalidDataException"/> if no delimiter comes within <paramref name="limit"/> bytes.
    /// </summary>
    public async Coroutine<byte[]> ReadUntilAsync(ReadOnlyMemory<byte> delimiter, int limit = DefaultLimit)
    {
        Checkpoint();
        if (DueForYield()) await Loop.Yield();
        if (delimiter.IsEmpty) throw new ArgumentException("The delimiter is empty.", nameof(delimiter));
        var searched = 0;
        while (true)
        {
            var at = _received.Span[searched..].IndexOf(delimiter.Span);
            if (at >= 0)
            {
                var record = _received.Span[..(searched + at + delimiter.Length)].ToArray();
                _received.Consume(record.Length);
                return record;
            }
            searched = Math.Max(0, _received.Count - delimiter.Length + 1);
            if (_received.Count >= limit) throw new InvalidDataException($"No delimiter within {limit} bytes.");
            if (_peerFinished) throw new EndOfStreamException($"The stream ended with {_received.Count} bytes and no delimiter.");
            await FillAsync();
        }
    }

    /// <summary>Reads a line, the '\n' included (asyncio's readline); at end of stream returns what is left, empty when nothing is.</summary>
    public async Coroutine<byte[]> ReadLineAsync(int limit = DefaultLimit)
    {
        try
        {
            return await ReadUntilAsync(NewLine, limit);
        }
        catch (EndOfStreamException)
        {
            var rest = _received.Span.ToArray();
            _received.Consume(rest.Length);
            return rest;
        }
    }

    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    /// <summary>Receives more into the stream's own buffer; at end of stream sets <see cref="_peerFinished"/>.</summary>
    private async Coroutine FillAsync()
    {
        while (true)
        {
            if (TryReceive(_received.FreeSpace(4096), out var n))
            {
                _received.Commit(n);
                return;
            }
            await ParkUntilReadable();
            ThrowIfClosed();
        }
    }

    /// <summary>One nonblocking receive: true with the count (0 at end of stream), false when it would block; throws on error.</summary>
    private bool TryReceive(Span<byte> into, out int n)
    {
        if (_peerFinished)
        {
            n = 0;
            return true;
        }
        n = _socket.Receive(into, SocketFlags.None, out var error);
        if (error == SocketError.Success)
        {
            if (n == 0) _peerFinished = true;
            return true;
        }
        if (SocketErrors.WouldBlock(error)) return false;
        throw SocketErrors.Failed("receive", error);
    }
}
