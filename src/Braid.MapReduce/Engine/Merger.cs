using System.Runtime.InteropServices;

namespace Braid.MapReduce.Engine;

/// <summary>
/// Gathers the partial results of a job's chunks as they arrive, in any order, and reduces them at the end. With a
/// combiner it folds each partial in at once, so it holds one value per key; without one it keeps every value with
/// its chunk number and orders them by chunk before reducing, so the answer never depends on arrival order.
/// Thread-safe: executors call <see cref="Add"/> from their worker threads.
/// </summary>
public sealed class Merger
{
    private readonly MapReduceJob _job;
    private readonly Lock _lock = new();
    private readonly Utf8KeyTable _combined = new(1 << 16);
    private readonly Dictionary<string, List<(int Chunk, int Order, long Value)>> _grouped = new(StringComparer.Ordinal);
    private readonly HashSet<int> _merged = new();
    private long _invalidUtf8;

    /// <summary>Creates an empty merger for the job.</summary>
    public Merger(MapReduceJob job) => _job = job;

    /// <summary>Invalid UTF-8 sequences replaced over all merged chunks.</summary>
    public long InvalidUtf8 { get { lock (_lock) return _invalidUtf8; } }

    /// <summary>Chunks merged so far.</summary>
    public int ChunksMerged { get { lock (_lock) return _merged.Count; } }

    /// <summary>Merges the result of one chunk, or of several combined; a chunk merged twice is a bug in the executor and throws.</summary>
    // Hot: compiled fully optimised at once, since a worker calls it only a few dozen times in its life.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Add(Partial partial)
    {
        lock (_lock)
        {
            // Invariant: each chunk counts exactly once, however often it was retried.
            foreach (var chunk in partial.Chunks)
            {
                if (!_merged.Add(chunk)) throw new InvalidOperationException($"chunk {chunk} was merged twice");
            }
            _invalidUtf8 += partial.InvalidUtf8;
            if (partial.Combined is { } combined)
            {
                if (!_job.HasCombiner) throw new InvalidOperationException("combined partial for a job without a combiner");
                Span<byte> key = stackalloc byte[256];
                for (var i = 0; i < combined.Count; i++)
                {
                    // Short keys are copied to the stack; only a key too long for it is materialised.
                    if (combined.KeyLengthAt(i) <= key.Length) Fold(key[..combined.CopyKeyAt(i, key)], combined.ValueAt(i));
                    else Fold(combined.KeyAt(i), combined.ValueAt(i));
                }
            }
            else if (partial.Pairs is { } pairs)
            {
                var order = 0;
                foreach (var (key, value) in pairs) Group(key, partial.ChunkIndex, order++, value);
            }
            else
            {
                var reader = new Framing.PartialCodec.EntryReader(partial.Encoded.AsSpan(0, partial.EncodedLength));
                if (reader.IsCombined != _job.HasCombiner) throw new InvalidOperationException("result form does not match the job's combiner");
                var order = 0;
                while (reader.Next(out var key, out var value))
                {
                    if (reader.IsCombined) Fold(key, value);
                    else Group(System.Text.Encoding.UTF8.GetString(key), partial.ChunkIndex, order++, value);
                }
            }
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void Fold(ReadOnlySpan<byte> key, long value)
    {
        ref var slot = ref _combined.GetOrAdd(key, out var exists);
        slot = exists ? _job.Combine(slot, value) : value;
    }

    private void Group(string key, int chunk, int order, long value)
    {
        ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(_grouped, key, out _);
        (list ??= new()).Add((chunk, order, value));
    }

    /// <summary>
    /// Runs the merge and reduce paths once on a tiny result, so that they are compiled before the real results arrive:
    /// with workers that hold their results to the end, the first merge comes last, and compiling it then would add to
    /// the run's wall time. Meant to run on a thread of its own while the workers start.
    /// </summary>
    public static void WarmUp(MapReduceJob job)
    {
        var emitter = new Emitter(job);
        emitter.Emit("warm"u8, 1);
        emitter.Emit("up, with a key longer than eight bytes"u8, 1);
        var partial = emitter.ToPartial(0, 0);
        var encoded = new System.Buffers.ArrayBufferWriter<byte>();
        Framing.PartialCodec.Encode(partial, encoded);
        partial.Release();
        var merger = new Merger(job);
        var wrapped = Framing.PartialCodec.Wrap(encoded.WrittenSpan.ToArray(), encoded.WrittenCount);
        merger.Add(wrapped);
        merger.Reduce();
    }

    /// <summary>Reduces every key to its final value.</summary>
    // Run once per job over every key: compiled optimised at once, not first at tier 0.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public Dictionary<string, long> Reduce()
    {
        lock (_lock)
        {
            var result = new Dictionary<string, long>(_combined.Count + _grouped.Count, StringComparer.Ordinal);
            Span<byte> bytes = stackalloc byte[256];
            for (var i = 0; i < _combined.Count; i++)
            {
                // Short keys are decoded from a copy on the stack; only a key too long for it is materialised first.
                var key = _combined.KeyLengthAt(i) <= bytes.Length
                    ? System.Text.Encoding.UTF8.GetString(bytes[.._combined.CopyKeyAt(i, bytes)])
                    : System.Text.Encoding.UTF8.GetString(_combined.KeyAt(i));
                var one = _combined.ValueAt(i);
                result.Add(key, _job.Reduce(key, new ReadOnlySpan<long>(in one)));
            }
            foreach (var (key, list) in _grouped)
            {
                list.Sort((a, b) => a.Chunk != b.Chunk ? a.Chunk.CompareTo(b.Chunk) : a.Order.CompareTo(b.Order));
                result[key] = _job.Reduce(key, list.Select(v => v.Value).ToArray());
            }
            return result;
        }
    }
}
