using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Braid.MapReduce.Executors;

/// <summary>
/// A worker's view of the input files, for chunks sent by reference: each file opened once, each chunk read at its
/// offset into one reused buffer. A chunk that cannot be read whole (the file shrank) is an error of that chunk.
/// </summary>
internal sealed class ChunkFiles : IDisposable
{
    private readonly Dictionary<string, SafeFileHandle> _open = new(StringComparer.Ordinal);
    private byte[] _buffer = [];

    /// <summary>Reads the chunk that a ChunkRef payload names; the bytes are valid until the next call.</summary>
    public ReadOnlySpan<byte> Read(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 24) throw new InvalidDataException("ChunkRef frame too short");
        var offset = BinaryPrimitives.ReadInt64LittleEndian(payload[12..]);
        var length = BinaryPrimitives.ReadInt32LittleEndian(payload[20..]);
        var path = Encoding.UTF8.GetString(payload[24..]);
        if (!_open.TryGetValue(path, out var handle))
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            _open[path] = handle;
        }
        if (_buffer.Length < length)
        {
            if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(length);
        }
        var read = 0;
        while (read < length)
        {
            var n = RandomAccess.Read(handle, _buffer.AsSpan(read, length - read), offset + read);
            if (n == 0) throw new IOException($"{path} ended at byte {offset + read}, inside the chunk: the file changed");
            read += n;
        }
        return _buffer.AsSpan(0, length);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var handle in _open.Values) handle.Dispose();
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
    }
}
