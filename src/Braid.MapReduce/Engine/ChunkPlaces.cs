using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Braid.MapReduce.Engine;

/// <summary>
/// Splits input files into chunks on line boundaries without reading them through: each cut is found by reading a
/// little before the nominal end of the chunk, so splitting costs a few small reads per chunk instead of a pass over
/// the input. The chunks are places only (no bytes, no line numbers), for workers that read their chunk from the file
/// themselves. A chunk ends after the last newline before its nominal end or, when one line is longer than the chunk
/// size, after that line.
/// </summary>
public static class ChunkPlaces
{
    /// <summary>How much is read at a time while looking for a newline.</summary>
    private const int Window = 64 << 10;

    /// <summary>Yields the places of the chunks of every file in order; an empty file yields none.</summary>
    public static IEnumerable<Chunk> Read(IReadOnlyList<string> files, int chunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        var index = 0;
        var window = ArrayPool<byte>.Shared.Rent(Window);
        try
        {
            for (var fileIndex = 0; fileIndex < files.Count; fileIndex++)
            {
                var file = files[fileIndex];
                using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.Read);
                var length = RandomAccess.GetLength(handle);
                long offset = 0;
                while (offset < length)
                {
                    var end = Cut(handle, file, offset, length, chunkSize, window);
                    if (end - offset > Framing.Frame.MaxPayload - 64) throw new InvalidDataException($"{file}: the line at byte {offset} is longer than 2 GB");
                    yield return new Chunk(index++, file, fileIndex, length, offset, firstLine: 0, buffer: null, (int)(end - offset));
                    offset = end;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(window);
        }
    }

    /// <summary>Where the chunk that starts at <paramref name="offset"/> ends.</summary>
    private static long Cut(SafeFileHandle handle, string file, long offset, long length, int chunkSize, byte[] window)
    {
        var nominal = offset + chunkSize;
        if (nominal >= length) return length;
        // Backwards from the nominal end, for the last newline inside the chunk.
        for (var to = nominal; to > offset;)
        {
            var from = Math.Max(offset, to - window.Length);
            var last = ReadAt(handle, file, window, from, (int)(to - from)).LastIndexOf((byte)'\n');
            if (last >= 0) return from + last + 1;
            to = from;
        }
        // No newline: one line fills the chunk, and the chunk is that whole line.
        for (var at = nominal; at < length;)
        {
            var span = ReadAt(handle, file, window, at, (int)Math.Min(window.Length, length - at));
            var first = span.IndexOf((byte)'\n');
            if (first >= 0) return at + first + 1;
            at += span.Length;
        }
        return length;
    }

    private static ReadOnlySpan<byte> ReadAt(SafeFileHandle handle, string file, byte[] window, long offset, int count)
    {
        var read = 0;
        while (read < count)
        {
            var n = RandomAccess.Read(handle, window.AsSpan(read, count - read), offset + read);
            if (n == 0) throw new InputChangedException(file, $"it ended at byte {offset + read} while being split");
            read += n;
        }
        return window.AsSpan(0, count);
    }
}
