namespace Braid.IO;

/// <summary>
/// One end of a child process's pipe on the loop: its stdin to write, or its stdout or stderr to read. The pipe's
/// reads run on .NET's own asynchronous file I/O and the strand parks until one completes.
/// </summary>
/// <remarks>
/// A cancelled read loses no byte: the read in flight is kept and the next read takes its bytes. Use from the loop
/// that started the process.
/// </remarks>
public sealed class ProcessPipe : IDisposable
{
    private readonly Stream _stream;
    private readonly byte[] _chunk = new byte[16 * 1024];
    private Task<int>? _inFlight;
    private int _chunkStart;
    private int _chunkEnd;
    private bool _ended;
    private bool _closed;

    internal ProcessPipe(Stream stream) => _stream = stream;

    /// <summary>Reads at least one byte; returns how many, or 0 when the child closed its end.</summary>
    public async Coroutine<int> ReceiveSomeAsync(Memory<byte> buffer)
    {
        Checkpoint();
        while (_chunkStart == _chunkEnd && !_ended)
        {
            _inFlight ??= _stream.ReadAsync(_chunk, 0, _chunk.Length);
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

    /// <summary>Writes every byte and flushes; a cancellation point (a write cut short may have been partly delivered).</summary>
    public async Coroutine SendAllAsync(ReadOnlyMemory<byte> data)
    {
        Checkpoint();
        await Loop.Cancellable(_stream.WriteAsync(data).AsTask());
        await Loop.Cancellable(_stream.FlushAsync());
    }

    /// <summary>Closes this end: for stdin, the child reads end of file.</summary>
    public void Dispose()
    {
        if (_closed) return;
        _closed = true;
        _stream.Dispose();
    }

    private void Checkpoint()
    {
        if (_closed) throw new ClosedResourceException("This pipe is closed.");
        Kernel.Require().ThrowIfCancelPending();
    }
}
