using System.IO.MemoryMappedFiles;

namespace Braid.Overheads.Transports;

/// <summary>
/// A single-producer single-consumer byte ring in a memory-mapped file that two processes map at once.
/// </summary>
/// <remarks>
/// Layout: the writer's position at offset 0, the reader's at 64 (each on its own cache line), the closed flag at
/// 128, the data from 192. Positions only grow; <c>write - read</c> is the number of bytes in the ring, always
/// between 0 and the capacity. Each side writes only its own position, with release semantics after copying, and
/// reads the other's with acquire semantics, so no lock is needed. A side that finds the ring full (or empty)
/// spins and yields: there is no kernel object to sleep on between processes here, which is the price of
/// shared memory's speed.
/// </remarks>
internal sealed unsafe class SharedRing : IDisposable
{
    private const int WriteOffset = 0;
    private const int ReadOffset = 64;
    private const int ClosedOffset = 128;
    private const int DataOffset = 192;

    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;
    private readonly long _capacity;
    private bool _disposed;

    private SharedRing(string path)
    {
        var length = new FileInfo(path).Length;
        _capacity = length - DataOffset;
        if (_capacity <= 0 || (_capacity & (_capacity - 1)) != 0) throw new InvalidDataException($"{path} is not a shared ring");
        _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.ReadWrite);
        _view = _file.CreateViewAccessor(0, length, MemoryMappedFileAccess.ReadWrite);
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _base = pointer + _view.PointerOffset;
    }

    /// <summary>Creates the ring's file (which must not exist) with room for <paramref name="capacity"/> bytes, a power of two.</summary>
    public static SharedRing Create(string path, int capacity)
    {
        if (capacity < 1 || (capacity & (capacity - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(capacity), "the capacity must be a power of two");
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            file.SetLength(DataOffset + capacity);
        }
        return new SharedRing(path);
    }

    /// <summary>Maps a ring that another process created.</summary>
    public static SharedRing Open(string path) => new(path);

    private ref long WritePosition => ref *(long*)(_base + WriteOffset);
    private ref long ReadPosition => ref *(long*)(_base + ReadOffset);
    private ref int Closed => ref *(int*)(_base + ClosedOffset);

    /// <summary>Copies all of <paramref name="data"/> into the ring, waiting for room as needed (writer only).</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        var spin = new SpinWait();
        while (!data.IsEmpty)
        {
            var write = WritePosition;
            var free = _capacity - (write - Volatile.Read(ref ReadPosition));
            if (free == 0)
            {
                spin.SpinOnce(sleep1Threshold: -1);
                continue;
            }
            var offset = write & (_capacity - 1);
            var n = (int)Math.Min(Math.Min(free, data.Length), _capacity - offset);
            data[..n].CopyTo(new Span<byte>(_base + DataOffset + offset, n));
            Volatile.Write(ref WritePosition, write + n);
            data = data[n..];
        }
    }

    /// <summary>Copies up to <paramref name="into"/>'s length out of the ring, waiting for data; 0 at the end (reader only).</summary>
    public int Read(Span<byte> into)
    {
        if (into.IsEmpty) return 0;
        var spin = new SpinWait();
        while (true)
        {
            var read = ReadPosition;
            var write = Volatile.Read(ref WritePosition);
            if (write == read)
            {
                // Closed is set after the last write position, so reading it first and then the position again is enough.
                if (Volatile.Read(ref Closed) != 0 && Volatile.Read(ref WritePosition) == read) return 0;
                spin.SpinOnce(sleep1Threshold: -1);
                continue;
            }
            var offset = read & (_capacity - 1);
            var n = (int)Math.Min(Math.Min(write - read, into.Length), _capacity - offset);
            new ReadOnlySpan<byte>(_base + DataOffset + offset, n).CopyTo(into);
            Volatile.Write(ref ReadPosition, read + n);
            return n;
        }
    }

    /// <summary>Marks the end of the data (writer only): the reader gets 0 once it has read everything.</summary>
    public void Close()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Volatile.Write(ref Closed, 1);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}

/// <summary>One side of a <see cref="SharedRing"/> as a stream: the writer's side closes the ring when disposed.</summary>
internal sealed class SharedRingStream(SharedRing ring, bool writer) : Stream
{
    private bool _disposed;

    public override bool CanRead => !writer;
    public override bool CanSeek => false;
    public override bool CanWrite => writer;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() { }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => writer ? throw new NotSupportedException() : ring.Read(buffer);

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!writer) throw new NotSupportedException();
        ring.Write(buffer);
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            if (writer) ring.Close();
            ring.Dispose();
        }
        base.Dispose(disposing);
    }
}
