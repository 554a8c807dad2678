namespace Braid.MapReduce.Engine;

/// <summary>
/// What one chunk produced: either combined values (one per key, keyed by UTF-8) or every pair in emission order, and how many
/// invalid UTF-8 sequences were replaced while decoding it. Exactly one of the two collections is set.
/// </summary>
public sealed class Partial
{
    internal Partial(int chunkIndex, Utf8KeyTable? combined, List<KeyValuePair<string, long>>? pairs, long invalidUtf8)
    {
        if ((combined is null) == (pairs is null)) throw new ArgumentException("exactly one of combined and pairs must be set");
        ChunkIndex = chunkIndex;
        Combined = combined;
        Pairs = pairs;
        InvalidUtf8 = invalidUtf8;
    }

    /// <summary>The chunk this came from.</summary>
    public int ChunkIndex { get; }

    /// <summary>One combined value per key, when the job has a combiner.</summary>
    public Utf8KeyTable? Combined { get; }

    /// <summary>Every emitted pair in order, when the job has no combiner.</summary>
    public List<KeyValuePair<string, long>>? Pairs { get; }

    /// <summary>Invalid UTF-8 sequences replaced by U+FFFD in this chunk.</summary>
    public long InvalidUtf8 { get; }

    /// <summary>Gives the combined table back for reuse once the partial has been merged or sent; it must not be used afterwards.</summary>
    public void Release()
    {
        // Once only: a table pooled twice would be handed to two users at once.
        if (Combined is not null && Interlocked.Exchange(ref _released, 1) == 0) Utf8KeyTable.Return(Combined);
    }

    private int _released;

    /// <summary>The number of entries carried.</summary>
    public int Count => Combined?.Count ?? Pairs!.Count;
}
