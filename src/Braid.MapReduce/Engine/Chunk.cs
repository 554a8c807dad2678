using System.Buffers;

namespace Braid.MapReduce.Engine;

/// <summary>
/// A piece of one input file that starts at the start of a line and ends just after a newline, or at the end of
/// the file. Its bytes live in a pooled buffer until <see cref="Release"/>; the coordinator keeps a chunk until its
/// result is merged, so that a chunk whose worker died can be sent again. A chunk may also be only a place in its file
/// (no bytes, line numbers unknown), for workers that read the file themselves.
/// </summary>
public sealed class Chunk
{
    private byte[]? _buffer;

    internal Chunk(int index, string file, int fileIndex, long fileLength, long offset, long firstLine, byte[]? buffer, int length)
    {
        Index = index;
        File = file;
        FileIndex = fileIndex;
        FileLength = fileLength;
        Offset = offset;
        FirstLine = firstLine;
        _buffer = buffer;
        Length = length;
    }

    /// <summary>The chunk's number in the job, from 0, over all input files.</summary>
    public int Index { get; }

    /// <summary>The file it came from.</summary>
    public string File { get; }

    /// <summary>The file's position in the job's list of input files, from 0.</summary>
    public int FileIndex { get; }

    /// <summary>The file's length when it was split; a worker reading the file itself checks it has not changed.</summary>
    public long FileLength { get; }

    /// <summary>Byte offset of its start in the file.</summary>
    public long Offset { get; }

    /// <summary>1-based number of its first line in the file, or 0 when not counted (a chunk that is only a place).</summary>
    public long FirstLine { get; }

    /// <summary>Its length in bytes.</summary>
    public int Length { get; }

    /// <summary>True when the chunk carries its bytes; false for a place only.</summary>
    public bool HasBytes => Volatile.Read(ref _buffer) is not null;

    /// <summary>Its bytes (valid until <see cref="Release"/>).</summary>
    public ReadOnlySpan<byte> Bytes =>
        (_buffer ?? throw new ObjectDisposedException($"chunk {Index}")).AsSpan(0, Length);

    /// <summary>Names the chunk in messages: number, file, byte range and first line.</summary>
    public override string ToString() =>
        $"chunk {Index} ({File}, bytes {Offset}-{Offset + Length}{(FirstLine > 0 ? $", from line {FirstLine}" : "")})";

    /// <summary>Gives the buffer back to the pool; the chunk must not be used afterwards.</summary>
    public void Release()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null) ArrayPool<byte>.Shared.Return(buffer);
    }
}
