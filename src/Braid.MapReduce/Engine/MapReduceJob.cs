namespace Braid.MapReduce.Engine;

/// <summary>
/// A map-reduce job, written once and run by every executor: a map function over the text of a chunk of lines,
/// an optional combiner that merges the values of one key, and a reduce function over all the values of a key.
/// Keys are strings and values are 64-bit integers (counts, sums, flags), which covers counting and summing jobs
/// and keeps the wire format between processes small and exact.
/// </summary>
public abstract class MapReduceJob
{
    /// <summary>The job's name; a worker process finds the job by this name.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Maps one chunk: <paramref name="text"/> is whole lines (each ending in <c>\n</c>, except perhaps the last line
    /// of a file), decoded from UTF-8; <paramref name="firstLine"/> is the 1-based line number of its first line.
    /// </summary>
    public abstract void Map(ReadOnlySpan<char> text, long firstLine, Emitter output);

    /// <summary>
    /// True when the job also maps raw UTF-8 (<see cref="MapUtf8"/>), which spares decoding the chunk. Such a job
    /// must read an invalid UTF-8 sequence exactly as <see cref="Map"/> reads the U+FFFD that replaces it.
    /// </summary>
    public virtual bool MapsUtf8 => false;

    /// <summary>Maps one chunk given as its UTF-8 bytes; used only when <see cref="MapsUtf8"/> is true.</summary>
    public virtual void MapUtf8(ReadOnlySpan<byte> text, long firstLine, Emitter output) =>
        throw new NotSupportedException($"job '{Name}' maps decoded text only");

    /// <summary>
    /// True when the map reads <c>firstLine</c> (to name lines in its output). A job that does not lets worker processes
    /// read their chunks from the file with no pass over the input in the coordinator, which is what numbering lines
    /// takes.
    /// </summary>
    public virtual bool UsesLineNumbers => true;

    /// <summary>
    /// True when <see cref="Combine"/> may merge two values of a key at any time and in any order (it is associative
    /// and commutative). Workers then combine per chunk before sending, and the coordinator folds as results arrive.
    /// </summary>
    public virtual bool HasCombiner => false;

    /// <summary>
    /// True when <see cref="Combine"/> is addition, as for counts and sums: the engine then adds in place, sparing a call
    /// per emitted pair (tens of millions in a large word count).
    /// </summary>
    public virtual bool CombineIsSum => false;

    /// <summary>Merges two values of one key; used only when <see cref="HasCombiner"/> is true.</summary>
    public virtual long Combine(long a, long b) =>
        throw new NotSupportedException($"job '{Name}' has no combiner");

    /// <summary>
    /// Reduces every value of a key to its final value. Without a combiner the values come in input order (chunk by
    /// chunk, in emission order within a chunk); with one, they are already combined.
    /// </summary>
    public abstract long Reduce(string key, ReadOnlySpan<long> values);
}
