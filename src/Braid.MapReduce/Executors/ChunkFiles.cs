using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Braid.MapReduce.Executors;

/// <summary>
/// A worker's view of the input files, for chunks sent by reference: each file opened once, each chunk read at its
/// offset into one reused buffer. A chunk is read only from the file as it was split: the file must still have its
/// length, and the chunk must still start and end at line boundaries; otherwise the file changed, and the chunk fails.
/// </summary>
internal sealed class ChunkFiles : IDisposable
{
    /// <summary>The fixed part of a ChunkRef payload, before the path.</summary>
    public const int HeadLength = WorkerHost.ChunkHead + 20;

    private readonly Dictionary<string, SafeFileHandle> _open = new(StringComparer.Ordinal);
    private byte[] _buffer = [];

    /// <summary>Reads the chunk that a ChunkRef payload names; the bytes are valid until the next call.</summary>
    public ReadOnlySpan<byte> Read(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < HeadLength) throw new InvalidDataException("ChunkRef frame too short");
        var offset = BinaryPrimitives.ReadInt64LittleEndian(payload[16..]);
        var length = BinaryPrimitives.ReadInt32LittleEndian(payload[24..]);
        var fileLength = BinaryPrimitives.ReadInt64LittleEndian(payload[28..]);
        return Read(Encoding.UTF8.GetString(payload[HeadLength..]), offset, length, fileLength);
    }

    /// <summary>Reads a chunk that is only a place in its file; the bytes are valid until the next call.</summary>
    public ReadOnlySpan<byte> Read(Engine.Chunk chunk) => Read(chunk.File, chunk.Offset, chunk.Length, chunk.FileLength);

    private ReadOnlySpan<byte> Read(string path, long offset, int length, long fileLength)
    {
        if (!_open.TryGetValue(path, out var handle))
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            _open[path] = handle;
        }
        var now = RandomAccess.GetLength(handle);
        if (now != fileLength) throw new Engine.InputChangedException(path, $"it was {fileLength} bytes when split, it is {now} now");

        // The byte before the chunk is read too, to check that the chunk still starts a line.
        var before = offset > 0 ? 1 : 0;
        var total = length + before;
        if (_buffer.Length < total)
        {
            if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(total);
        }
        var read = 0;
        while (read < total)
        {
            var n = RandomAccess.Read(handle, _buffer.AsSpan(read, total - read), offset - before + read);
            if (n == 0) throw new Engine.InputChangedException(path, $"it ended at byte {offset - before + read}, inside a chunk");
            read += n;
        }
        var chunk = _buffer.AsSpan(before, length);
        var startsLine = before == 0 || _buffer[0] == (byte)'\n';
        var endsLine = offset + length == fileLength || (length > 0 && chunk[^1] == (byte)'\n');
        if (!startsLine || !endsLine) throw new Engine.InputChangedException(path, $"bytes {offset}-{offset + length} no longer hold whole lines");
        return chunk;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var handle in _open.Values) handle.Dispose();
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
    }
}
