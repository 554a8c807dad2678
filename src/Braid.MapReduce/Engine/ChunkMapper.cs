using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Braid.MapReduce.Engine;

/// <summary>
/// Runs a job's map function over one chunk: decodes its UTF-8 (replacing and counting invalid sequences, never
/// failing on them) and collects what the map emits. Every executor maps through here, so all give the same answer.
/// </summary>
public static class ChunkMapper
{
    /// <summary>Maps one chunk into its partial result.</summary>
    public static Partial Map(MapReduceJob job, Chunk chunk) => Map(job, chunk.Index, chunk.FileIndex, chunk.FirstLine, chunk.Bytes);

    /// <summary>Maps the bytes of a chunk of the first (or only) input file into its partial result.</summary>
    public static Partial Map(MapReduceJob job, int chunkIndex, long firstLine, ReadOnlySpan<byte> bytes) => Map(job, chunkIndex, 0, firstLine, bytes);

    /// <summary>Maps the bytes of a chunk of input file <paramref name="fileIndex"/> into its partial result.</summary>
    public static Partial Map(MapReduceJob job, int chunkIndex, int fileIndex, long firstLine, ReadOnlySpan<byte> bytes)
    {
        var emitter = new Emitter(job);
        try
        {
            var invalid = MapInto(job, emitter, fileIndex, firstLine, bytes);
            return emitter.ToPartial(chunkIndex, invalid);
        }
        catch
        {
            emitter.Discard();
            throw;
        }
    }

    /// <summary>
    /// Maps the bytes of a chunk into an emitter that may already hold other chunks' output (a worker combining several
    /// chunks before it sends); returns the invalid UTF-8 sequences replaced. If it throws, the emitter holds part of
    /// the chunk and must be discarded.
    /// </summary>
    public static long MapInto(MapReduceJob job, Emitter emitter, int fileIndex, long firstLine, ReadOnlySpan<byte> bytes)
    {
        emitter.FileIndex = fileIndex;
        var invalid = Utf8.IsValid(bytes) ? 0 : CountInvalid(bytes);
        if (job.MapsUtf8)
        {
            job.MapUtf8(bytes, firstLine, emitter);
            return invalid;
        }
        // Each byte yields at most one UTF-16 unit (a 4-byte sequence yields two), so the byte count bounds the length.
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, bytes.Length));
        try
        {
            var status = Utf8.ToUtf16(bytes, chars, out _, out var written, replaceInvalidSequences: true);
            if (status != System.Buffers.OperationStatus.Done) throw new InvalidOperationException($"UTF-8 decoding stopped: {status}");
            job.Map(chars.AsSpan(0, written), firstLine, emitter);
            return invalid;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>Counts the invalid sequences that decoding replaces, by the same rule (maximal subparts).</summary>
    internal static long CountInvalid(ReadOnlySpan<byte> bytes)
    {
        long invalid = 0;
        while (!bytes.IsEmpty)
        {
            var ascii = bytes.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
            if (ascii < 0) break;
            bytes = bytes[ascii..];
            if (Rune.DecodeFromUtf8(bytes, out _, out var consumed) != System.Buffers.OperationStatus.Done) invalid++;
            bytes = bytes[consumed..];
        }
        return invalid;
    }
}
