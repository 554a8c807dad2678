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

    /// <summary>Merges one chunk's result; a chunk merged twice is a bug in the executor and throws.</summary>
    public void Add(Partial partial)
    {
        lock (_lock)
        {
            // Invariant: each chunk counts exactly once, however often it was retried.
            if (!_merged.Add(partial.ChunkIndex)) throw new InvalidOperationException($"chunk {partial.ChunkIndex} was merged twice");
            _invalidUtf8 += partial.InvalidUtf8;
            if (partial.Combined is { } combined)
            {
                if (!_job.HasCombiner) throw new InvalidOperationException("combined partial for a job without a combiner");
                for (var i = 0; i < combined.Count; i++)
                {
                    ref var slot = ref _combined.GetOrAdd(combined.KeyAt(i), out var exists);
                    var value = combined.ValueAt(i);
                    slot = exists ? _job.Combine(slot, value) : value;
                }
            }
            else
            {
                var order = 0;
                foreach (var (key, value) in partial.Pairs!)
                {
                    ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(_grouped, key, out _);
                    (list ??= new()).Add((partial.ChunkIndex, order++, value));
                }
            }
        }
    }

    /// <summary>Reduces every key to its final value.</summary>
    public Dictionary<string, long> Reduce()
    {
        lock (_lock)
        {
            var result = new Dictionary<string, long>(_combined.Count + _grouped.Count, StringComparer.Ordinal);
            for (var i = 0; i < _combined.Count; i++)
            {
                var key = System.Text.Encoding.UTF8.GetString(_combined.KeyAt(i));
                var one = _combined.ValueAt(i);
                result[key] = _job.Reduce(key, new ReadOnlySpan<long>(in one));
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
