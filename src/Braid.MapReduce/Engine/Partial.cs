using System.Buffers;

namespace Braid.MapReduce.Engine;

/// <summary>
/// What one chunk produced (or several, combined in one worker), and how many invalid UTF-8 sequences were replaced while
/// decoding them. Its entries take one
/// of three forms, exactly one of which is set: combined values (one per key, keyed by UTF-8), every pair in emission
/// order (a job without a combiner), or the encoded bytes of either as they came from a worker's pipe, which the
/// merger reads in place.
/// </summary>
public sealed class Partial
{
    private int _released;

    internal Partial(int[] chunks, Utf8KeyTable? combined, List<KeyValuePair<string, long>>? pairs, long invalidUtf8)
    {
        if ((combined is null) == (pairs is null)) throw new ArgumentException("exactly one of combined and pairs must be set");
        // Invariant: pairs keep their input order only within one chunk, so only combined values may span chunks.
        if (pairs is not null && chunks.Length != 1) throw new ArgumentException("pairs must come from exactly one chunk");
        Chunks = chunks;
        Combined = combined;
        Pairs = pairs;
        InvalidUtf8 = invalidUtf8;
        Count = combined?.Count ?? pairs!.Count;
    }

    internal Partial(int[] chunks, byte[] encoded, int length, long invalidUtf8, int count)
    {
        Chunks = chunks;
        Encoded = encoded;
        EncodedLength = length;
        InvalidUtf8 = invalidUtf8;
        Count = count;
    }

    /// <summary>The chunks this came from (one, unless a worker combined several).</summary>
    public IReadOnlyList<int> Chunks { get; }

    /// <summary>The first chunk this came from (the only one for pairs).</summary>
    public int ChunkIndex => Chunks[0];

    /// <summary>One combined value per key, when the job has a combiner.</summary>
    public Utf8KeyTable? Combined { get; }

    /// <summary>Every emitted pair in order, when the job has no combiner.</summary>
    public List<KeyValuePair<string, long>>? Pairs { get; }

    /// <summary>A whole result frame's payload (see <see cref="Framing.PartialCodec"/>), in a pooled buffer.</summary>
    internal byte[]? Encoded { get; }

    /// <summary>The length of <see cref="Encoded"/>'s payload.</summary>
    internal int EncodedLength { get; }

    /// <summary>Invalid UTF-8 sequences replaced by U+FFFD in this chunk.</summary>
    public long InvalidUtf8 { get; }

    /// <summary>The number of entries carried.</summary>
    public int Count { get; }

    /// <summary>Gives pooled memory back once the partial has been merged or sent; it must not be used afterwards.</summary>
    public void Release()
    {
        // Once only: memory pooled twice would be handed to two users at once.
        if (Interlocked.Exchange(ref _released, 1) != 0) return;
        if (Combined is not null) Utf8KeyTable.Return(Combined);
        if (Encoded is not null) ArrayPool<byte>.Shared.Return(Encoded);
    }
}
