using Braid.MapReduce.Engine;

namespace Braid.MapReduce.Executors;

/// <summary>
/// Runs a job's map over a stream of chunks and hands their results to <c>done</c> (each result with the chunks it
/// covers: one, or several that a worker combined), exactly once per chunk.
/// A chunk that fails is retried, up to <see cref="ChunkFailedException.MaxAttempts"/> attempts in all; then the run
/// fails with <see cref="ChunkFailedException"/>. Cancelling stops the workers and throws
/// <see cref="OperationCanceledException"/>.
/// </summary>
public interface IExecutor
{
    /// <summary>What the executor is, for tables: <c>inline</c>, <c>threads</c> or <c>processes</c>.</summary>
    string Name { get; }

    /// <summary>How many workers map at once.</summary>
    int Workers { get; }

    /// <summary>
    /// True when the chunks must carry their bytes; false when the workers read each chunk from its file themselves,
    /// so that a chunk need only say where it is.
    /// </summary>
    bool NeedsBytes { get; }

    /// <summary>Maps every chunk and reports each result.</summary>
    Task RunAsync(MapReduceJob job, IEnumerable<Chunk> chunks, Action<IReadOnlyList<Chunk>, Partial> done, MapReduceStats stats, CancellationToken cancellationToken);
}
