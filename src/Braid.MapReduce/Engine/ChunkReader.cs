using System.Buffers;

namespace Braid.MapReduce.Engine;

/// <summary>
/// Splits input files into chunks on line boundaries, streaming: at most one chunk buffer (plus the partial line
/// carried into the next) is held here, so memory depends on the chunk size, not the file size. A line longer than
/// the chunk size becomes one chunk of its own, as large as the line. UTF-8 never uses the newline byte inside a
/// multi-byte sequence, so cutting after <c>\n</c> never splits a character.
/// </summary>
public static class ChunkReader
{
    /// <summary>Yields the chunks of every file in order; an empty file yields none.</summary>
    public static IEnumerable<Chunk> Read(IReadOnlyList<string> files, int chunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        var index = 0;
        for (var fileIndex = 0; fileIndex < files.Count; fileIndex++)
        {
            foreach (var chunk in ReadFile(files[fileIndex], fileIndex, chunkSize, index))
            {
                index++;
                yield return chunk;
            }
        }
    }

    private static IEnumerable<Chunk> ReadFile(string file, int fileIndex, int chunkSize, int firstIndex)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        var fileLength = stream.Length;
        var index = firstIndex;
        long offset = 0;
        long line = 1;
        var capacity = chunkSize;
        var buffer = ArrayPool<byte>.Shared.Rent(capacity);
        var filled = 0;
        var eof = false;
        try
        {
            while (true)
            {
                while (!eof && filled < capacity)
                {
                    var read = stream.Read(buffer, filled, capacity - filled);
                    if (read == 0) eof = true;
                    filled += read;
                }
                // Read to its end, the file must have the length it had when opened: shorter or longer, it changed.
                if (offset + filled > fileLength) throw new InputChangedException(file, $"it was {fileLength} bytes, it is longer now");
                if (eof && offset + filled < fileLength) throw new InputChangedException(file, $"it was {fileLength} bytes, it ended at byte {offset + filled}");
                if (filled == 0) yield break;

                int cut;
                if (eof)
                {
                    cut = filled;
                }
                else
                {
                    var last = buffer.AsSpan(0, filled).LastIndexOf((byte)'\n');
                    if (last < 0)
                    {
                        // One line fills the buffer: grow it and read on until the line ends.
                        capacity = checked(capacity * 2);
                        var bigger = ArrayPool<byte>.Shared.Rent(capacity);
                        buffer.AsSpan(0, filled).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                        continue;
                    }
                    cut = last + 1;
                }

                var tail = filled - cut;
                var nextCapacity = Math.Max(chunkSize, tail * 2);
                var next = ArrayPool<byte>.Shared.Rent(nextCapacity);
                buffer.AsSpan(cut, tail).CopyTo(next);

                var chunk = new Chunk(index++, file, fileIndex, fileLength, offset, line, buffer, cut);
                offset += cut;
                line += buffer.AsSpan(0, cut).Count((byte)'\n');
                buffer = next;
                capacity = nextCapacity;
                filled = tail;
                yield return chunk;
                if (eof && filled == 0) yield break;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
