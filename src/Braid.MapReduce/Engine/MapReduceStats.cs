namespace Braid.MapReduce.Engine;

/// <summary>Counters of one run, updated by the executors (thread-safe).</summary>
public sealed class MapReduceStats
{
    private long _chunks;
    private long _bytes;
    private long _retries;
    private long _workersStarted;
    private long _workersReplaced;
    private long _workerPeakRss;
    private long _heldBytes;
    private long _remapped;

    /// <summary>Chunks mapped and merged.</summary>
    public long Chunks => Interlocked.Read(ref _chunks);

    /// <summary>Input bytes mapped and merged.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>
    /// Input bytes mapped by worker processes that hold their results, not yet sent (see <see cref="Framing.FrameType.Held"/>);
    /// with <see cref="Bytes"/>, the progress of the run.
    /// </summary>
    public long HeldBytes => Interlocked.Read(ref _heldBytes);

    /// <summary>Chunks mapped again because the worker holding their results died or failed on another chunk.</summary>
    public long Remapped => Interlocked.Read(ref _remapped);

    /// <summary>Chunk attempts that failed and were tried again.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Worker processes started (processes executor).</summary>
    public long WorkersStarted => Interlocked.Read(ref _workersStarted);

    /// <summary>Worker processes that died or failed and were replaced.</summary>
    public long WorkersReplaced => Interlocked.Read(ref _workersReplaced);

    /// <summary>Sum of the worker processes' peak resident memory in bytes (0 for in-process executors).</summary>
    public long WorkerPeakRssBytes => Interlocked.Read(ref _workerPeakRss);

    /// <summary>Total input bytes, known before the run starts; 0 if unknown.</summary>
    public long TotalBytes { get; internal set; }

    internal void ChunkDone(Chunk chunk)
    {
        Interlocked.Increment(ref _chunks);
        Interlocked.Add(ref _bytes, chunk.Length);
    }

    internal void Held(Chunk chunk) => Interlocked.Add(ref _heldBytes, chunk.Length);

    /// <summary>Held chunks that were sent (<paramref name="lost"/> false) or lost with their worker (true).</summary>
    internal void Unheld(IReadOnlyList<Chunk> chunks, bool lost)
    {
        foreach (var chunk in chunks) Interlocked.Add(ref _heldBytes, -chunk.Length);
        if (lost) Interlocked.Add(ref _remapped, chunks.Count);
    }

    internal void Retried() => Interlocked.Increment(ref _retries);

    internal void WorkerStarted() => Interlocked.Increment(ref _workersStarted);

    internal void WorkerReplaced() => Interlocked.Increment(ref _workersReplaced);

    internal void AddWorkerPeakRss(long bytes) => Interlocked.Add(ref _workerPeakRss, bytes);
}
