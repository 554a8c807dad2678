using System.Buffers;
using System.Text;

namespace Braid.MapReduce.Engine;

/// <summary>
/// Where a map function puts its (key, value) pairs for one chunk. With a combiner the pairs are merged per key at
/// once, in a table keyed by the key's UTF-8 bytes, so that a key already seen costs no allocation.
/// </summary>
public sealed class Emitter
{
    private readonly MapReduceJob _job;
    private readonly Utf8KeyTable? _combined;
    private readonly List<KeyValuePair<string, long>>? _pairs;
    private readonly bool _sums;

    /// <summary>Creates an empty emitter for one chunk of the job, or for many (<paramref name="keys"/>: how many distinct keys to expect).</summary>
    public Emitter(MapReduceJob job, int keys = 4096)
    {
        _job = job;
        _sums = job.HasCombiner && job.CombineIsSum;
        if (job.HasCombiner) _combined = Utf8KeyTable.Rent(keys);
        else _pairs = new List<KeyValuePair<string, long>>();
    }

    /// <summary>
    /// The position, in the job's list of input files, of the file whose chunk is being mapped: for a map that names
    /// places in its input (a line number means little without its file when there are several).
    /// </summary>
    public int FileIndex { get; internal set; }

    /// <summary>Emits one pair whose key is given as UTF-8 bytes.</summary>
    // Hot: compiled fully optimised at once, since a worker calls it only a few dozen times in its life.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Emit(ReadOnlySpan<byte> key, long value)
    {
        if (_combined is not null)
        {
            ref var slot = ref _combined.GetOrAdd(key, out var exists);
            // A new key's slot starts at 0, so adding covers both cases.
            if (_sums) slot += value;
            else slot = exists ? _job.Combine(slot, value) : value;
        }
        else
        {
            _pairs!.Add(new(Encoding.UTF8.GetString(key), value));
        }
    }

    /// <summary>Folds a combined partial result into this emitter's values, by the job's combiner.</summary>
    // Hot: compiled fully optimised at once.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal void Fold(Partial partial)
    {
        var combined = partial.Combined ?? throw new ArgumentException("only a combined partial can be folded", nameof(partial));
        Span<byte> key = stackalloc byte[256];
        for (var i = 0; i < combined.Count; i++)
        {
            // Short keys are copied to the stack; only a key too long for it is materialised.
            if (combined.KeyLengthAt(i) <= key.Length) Emit(key[..combined.CopyKeyAt(i, key)], combined.ValueAt(i));
            else Emit(combined.KeyAt(i), combined.ValueAt(i));
        }
    }

    /// <summary>Emits one pair.</summary>
    public void Emit(ReadOnlySpan<char> key, long value)
    {
        if (_pairs is not null)
        {
            _pairs.Add(new(key.ToString(), value));
            return;
        }
        var max = Encoding.UTF8.GetMaxByteCount(key.Length);
        byte[]? rented = null;
        var bytes = max <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            Emit(bytes[..Encoding.UTF8.GetBytes(key, bytes)], value);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The number of distinct keys (with a combiner) or pairs emitted so far.</summary>
    public int Count => _combined?.Count ?? _pairs!.Count;

    /// <summary>The chunk's output, taken once the map function has returned.</summary>
    internal Partial ToPartial(int chunkIndex, long invalidUtf8) => ToPartial([chunkIndex], invalidUtf8);

    /// <summary>The output of the chunks mapped into this emitter (several only with a combiner).</summary>
    internal Partial ToPartial(int[] chunks, long invalidUtf8) => new(chunks, _combined, _pairs, invalidUtf8);

    /// <summary>Throws the output away (a map failed half-way): gives pooled memory back.</summary>
    internal void Discard()
    {
        if (_combined is not null) Utf8KeyTable.Return(_combined);
    }
}
