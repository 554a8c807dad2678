using Braid.MapReduce.Engine;

namespace Braid.MapReduce.Executors;

/// <summary>
/// Maps chunks in N worker processes, each fed by its own coordinator thread over pipes (a <see cref="WorkerSlot"/> of a
/// <see cref="SlotPool"/>). For a job with a combiner a
/// worker holds the combined result of its chunks and sends it when asked (at the end, or once it holds a lot), and the
/// coordinator keeps every chunk until a result that covers it has arrived. A worker that dies mid-chunk, or does not
/// answer within the chunk timeout, is replaced by a fresh process; the chunk is sent again, and so are the chunks whose
/// results the worker held. A chunk that fails <see cref="ChunkFailedException.MaxAttempts"/> times fails the job. At the end each worker's peak memory is read
/// before its input is closed, and every worker is gone when this returns, whatever happened.
/// </summary>
public sealed class ProcessExecutor : IExecutor
{
    internal WorkerLaunch Launch { get; }

    internal IWorkerObserver? Observer { get; }

    internal bool ByReference { get; }

    internal TimeSpan ChunkTimeout { get; }

    internal TimeProvider Time { get; }

    /// <summary>How long a worker may take to answer for a chunk before it is deemed hung, by default.</summary>
    public static readonly TimeSpan DefaultChunkTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A worker sends what it holds once it holds this many bytes of input: a bound on the work lost with a worker.
    /// </summary>
    public const long HeldBytesLimit = 256L << 20;

    /// <summary>A worker sends what it holds once it holds this many keys: a bound on its memory.</summary>
    public const int HeldKeysLimit = 1 << 20;

    /// <summary>
    /// Creates an executor of <paramref name="workers"/> processes started by <paramref name="launch"/>. With
    /// <paramref name="sendBytes"/> false (the default) workers read each chunk from its file themselves, given its
    /// place; with true the chunk's bytes go through the pipe, as they must to a worker that cannot see the file. A
    /// worker that does not answer for a chunk within <paramref name="chunkTimeout"/> (default
    /// <see cref="DefaultChunkTimeout"/>; <see cref="Timeout.InfiniteTimeSpan"/> for none), measured on
    /// <paramref name="time"/>'s clock, is killed and replaced like a crashed one.
    /// </summary>
    public ProcessExecutor(int workers, WorkerLaunch launch, IWorkerObserver? observer = null, bool sendBytes = false,
        TimeSpan? chunkTimeout = null, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var timeout = chunkTimeout ?? DefaultChunkTimeout;
        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan) throw new ArgumentOutOfRangeException(nameof(chunkTimeout), "the chunk timeout must be positive");
        Workers = workers;
        Launch = launch;
        Observer = observer;
        ByReference = !sendBytes;
        ChunkTimeout = timeout;
        Time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public string Name => "processes";

    /// <inheritdoc />
    public int Workers { get; }

    /// <inheritdoc />
    public bool NeedsBytes => !ByReference;

    /// <inheritdoc />
    public Task RunAsync(MapReduceJob job, IEnumerable<Chunk> chunks, Action<IReadOnlyList<Chunk>, Partial> done, MapReduceStats stats, CancellationToken cancellationToken) =>
        SlotPool.RunAsync(Workers, _ => WorkerProcess.Start(Launch, job.Name, ChunkTimeout, Time), ByReference, Observer, job, chunks, done, stats, cancellationToken);
}
