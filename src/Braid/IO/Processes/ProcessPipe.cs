using System.IO.Pipes;
using System.Runtime.InteropServices;

namespace Braid.IO;

/// <summary>
/// One end of a child process's pipe on the loop: its stdin to write, or its stdout or stderr to read. Under epoll the
/// pipe is made nonblocking and registered with the loop's poller like a socket, and read and written on the loop
/// thread; under the portable poller (Socket.Select cannot watch pipes) reads run on .NET's asynchronous pipe I/O and
/// the strand parks until one completes.
/// </summary>
/// <remarks>
/// A cancelled read loses no byte: on the loop a read takes bytes only when it returns, and on the fallback the read
/// in flight is kept and the next read takes its bytes. Use from the loop that started the process.
/// </remarks>
public sealed class ProcessPipe : IDisposable
{
    private readonly Stream _stream;
    private readonly IoHandle? _io;
    private readonly byte[]? _chunk;
    private Task<int>? _inFlight;
    private int _chunkStart;
    private int _chunkEnd;
    private bool _ended;
    private bool _closed;

    internal ProcessPipe(Stream stream, Kernel kernel)
    {
        _stream = stream;
        if (OperatingSystem.IsLinux() && stream is PipeStream pipe && Poller.For(kernel).Kind == PollerKind.Epoll)
        {
            Native.MakeNonblocking(pipe.SafePipeHandle);
            _io = IoHandle.RegisterPipe(kernel, pipe.SafePipeHandle, stream);
        }
        else
        {
            _chunk = new byte[16 * 1024];
        }
    }

    /// <summary>True when the pipe is read and written on the loop (epoll), false when through .NET's pipe I/O.</summary>
    internal bool OnTheLoop => _io is not null;

    /// <summary>Reads at least one byte; returns how many, or 0 when the child closed its end.</summary>
    public async Coroutine<int> ReceiveSomeAsync(Memory<byte> buffer)
    {
        Checkpoint();
        if (_io is not null)
        {
            while (true)
            {
                var n = TryRead(buffer.Span);
                if (n >= 0) return n;
                await _io.WaitReadable();
                ThrowIfClosed();
            }
        }
        while (_chunkStart == _chunkEnd && !_ended)
        {
            _inFlight ??= _stream.ReadAsync(_chunk!, 0, _chunk!.Length);
            var n = await Loop.Cancellable(_inFlight); // cancelled: _inFlight stays, and so do its bytes
            _inFlight = null;
            _chunkStart = 0;
            _chunkEnd = n;
            _ended = n == 0;
        }
        var count = Math.Min(buffer.Length, _chunkEnd - _chunkStart);
        _chunk.AsSpan(_chunkStart, count).CopyTo(buffer.Span);
        _chunkStart += count;
        return count;
    }

    /// <summary>Reads until the child closes its end.</summary>
    public async Coroutine<byte[]> ReadToEndAsync()
    {
        var all = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int n;
        while ((n = await ReceiveSomeAsync(buffer)) > 0) all.Write(buffer, 0, n);
        return all.ToArray();
    }

    /// <summary>Writes every byte; a cancellation point (a write cut short may have been partly delivered).</summary>
    public async Coroutine SendAllAsync(ReadOnlyMemory<byte> data)
    {
        Checkpoint();
        if (_io is null)
        {
            await Loop.Cancellable(_stream.WriteAsync(data).AsTask());
            await Loop.Cancellable(_stream.FlushAsync());
            return;
        }
        for (var sent = 0; sent < data.Length;)
        {
            var n = TryWrite(data.Span[sent..]);
            if (n >= 0)
            {
                sent += n;
                continue;
            }
            await _io.WaitWritable();
            ThrowIfClosed();
        }
    }

    /// <summary>Closes this end: for stdin, the child reads end of file.</summary>
    public void Dispose()
    {
        if (_closed) return;
        _closed = true;
        if (_io is not null) _io.Close(); // deregisters, closes the pipe, wakes a parked strand
        else _stream.Dispose();
    }

    /// <summary>One nonblocking read: the count (0 at end of file), or -1 when it would block.</summary>
    private unsafe int TryRead(Span<byte> into)
    {
        if (into.IsEmpty) return 0;
        fixed (byte* p = into)
        {
            var n = Native.Read(_io!.Descriptor, p, into.Length);
            return n >= 0 ? (int)n : Failed("read");
        }
    }

    /// <summary>One nonblocking write: how many bytes the pipe took, or -1 when it would block.</summary>
    private unsafe int TryWrite(ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            var n = Native.Write(_io!.Descriptor, p, data.Length);
            return n >= 0 ? (int)n : Failed("write");
        }
    }

    private static int Failed(string operation)
    {
        var errno = Marshal.GetLastPInvokeError();
        if (errno is Native.EAgain or Native.EIntr) return -1;
        throw new IOException($"pipe {operation} failed: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    private void ThrowIfClosed()
    {
        if (_closed) throw new ClosedResourceException("This pipe is closed.");
    }

    private void Checkpoint()
    {
        ThrowIfClosed();
        Kernel.Require().ThrowIfCancelPending();
    }
}
