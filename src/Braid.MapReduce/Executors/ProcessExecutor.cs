using System.Collections.Concurrent;
using Braid.MapReduce.Engine;

namespace Braid.MapReduce.Executors;

/// <summary>
/// Maps chunks in N worker processes, each fed by its own coordinator thread over pipes. For a job with a combiner a
/// worker holds the combined result of its chunks and sends it when asked (at the end, or once it holds a lot), and the
/// coordinator keeps every chunk until a result that covers it has arrived. A worker that dies mid-chunk, or does not
/// answer within the chunk timeout, is replaced by a fresh process; the chunk is sent again, and so are the chunks whose
/// results the worker held. A chunk that fails <see cref="ChunkFailedException.MaxAttempts"/> times fails the job. At the end each worker's peak memory is read
/// before its input is closed, and every worker is gone when this returns, whatever happened.
/// </summary>
public sealed class ProcessExecutor : IExecutor
{
    private readonly WorkerLaunch _launch;
    private readonly IWorkerObserver? _observer;

    private readonly bool _byReference;
    private readonly TimeSpan _chunkTimeout;
    private readonly TimeProvider _time;

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
        _launch = launch;
        _observer = observer;
        _byReference = !sendBytes;
        _chunkTimeout = timeout;
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public string Name => "processes";

    /// <inheritdoc />
    public int Workers { get; }

    /// <inheritdoc />
    public bool NeedsBytes => !_byReference;

    /// <inheritdoc />
    public async Task RunAsync(MapReduceJob job, IEnumerable<Chunk> chunks, Action<IReadOnlyList<Chunk>, Partial> done, MapReduceStats stats, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var queue = new BlockingCollection<Chunk>(boundedCapacity: Workers);
        var live = new ConcurrentDictionary<WorkerProcess, bool>();
        // Cancelling kills the workers, which also unblocks the threads waiting on their pipes.
        using var killOnStop = stop.Token.Register(() =>
        {
            foreach (var worker in live.Keys) worker.Kill();
        });

        // Results are merged on a thread of their own, so a worker is sent its next chunk while its last is merged.
        using var results = new BlockingCollection<(IReadOnlyList<Chunk>, Partial)>(boundedCapacity: Workers);
        var slots = Enumerable.Range(0, Workers).Select(_ => Task.Factory.StartNew(
            () => Serve(job, queue, (chunks, partial) => results.Add((chunks, partial), stop.Token), stats, live, stop),
            stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();
        var allServed = Task.WhenAll(slots).ContinueWith(_ => results.CompleteAdding(), TaskScheduler.Default);
        var merger = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var (chunks, partial) in results.GetConsumingEnumerable(stop.Token)) done(chunks, partial);
            }
            catch
            {
                stop.Cancel();
                throw;
            }
        }, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var feeder = ExecutorTasks.StartFeeder(chunks, queue, stop);

        try
        {
            await ExecutorTasks.WhenAllAsync([feeder, merger, .. slots], cancellationToken);
            RunTrace.Log("all tasks done");
            await allServed;
            RunTrace.Log("all served");
        }
        finally
        {
            foreach (var worker in live.Keys) worker.Dispose();
        }
    }

    private void Serve(MapReduceJob job, BlockingCollection<Chunk> queue, Action<IReadOnlyList<Chunk>, Partial> done, MapReduceStats stats,
        ConcurrentDictionary<WorkerProcess, bool> live, CancellationTokenSource stop)
    {
        WorkerProcess? worker = null;
        // Chunks whose results the worker holds, unsent: lost, and so mapped again, if the worker dies or fails.
        var held = new List<Chunk>();
        long heldBytes = 0;
        // Chunks to map again (a failed one, and the ones held with it) before taking new ones from the queue.
        var redo = new Queue<Chunk>();
        var failures = new Dictionary<int, int>();

        void Replace(WorkerFailedException e)
        {
            if (e.WorkerAlive || worker is null) return;
            live.TryRemove(worker, out _);
            worker.Dispose();
            worker = null;
            stats.WorkerReplaced();
        }

        void LoseHeld()
        {
            stats.Unheld(held, lost: true);
            foreach (var chunk in held) redo.Enqueue(chunk);
            held.Clear();
            heldBytes = 0;
        }

        void CountFailure(Chunk chunk, WorkerFailedException e)
        {
            var attempts = failures[chunk.Index] = failures.GetValueOrDefault(chunk.Index) + 1;
            if (attempts >= ChunkFailedException.MaxAttempts) throw new ChunkFailedException(chunk, attempts, e.Message);
            stats.Retried();
        }

        void Flush()
        {
            // Invariant: results are held only by a live worker; losing the worker loses them.
            if (worker is null) throw new InvalidOperationException("results held without a worker");
            try
            {
                var partial = worker.Flush(held, _observer);
                RunTrace.Log($"worker {worker.Pid} flushed {held.Count} chunks");
                var chunks = held.ToArray();
                held.Clear();
                heldBytes = 0;
                stats.Unheld(chunks, lost: false);
                done(chunks, partial);
            }
            catch (WorkerFailedException e)
            {
                stop.Token.ThrowIfCancellationRequested();
                // Dying while sending many chunks' results is a failure of each of them (so it cannot repeat forever).
                foreach (var chunk in held) CountFailure(chunk, e);
                Replace(e);
                LoseHeld();
            }
        }

        try
        {
            using var source = queue.GetConsumingEnumerable(stop.Token).GetEnumerator();
            while (true)
            {
                stop.Token.ThrowIfCancellationRequested();
                if (!redo.TryDequeue(out var chunk))
                {
                    if (source.MoveNext())
                    {
                        chunk = source.Current;
                    }
                    else if (held.Count > 0)
                    {
                        Flush();
                        continue;
                    }
                    else
                    {
                        break;
                    }
                }
                try
                {
                    if (worker is null)
                    {
                        worker = WorkerProcess.Start(_launch, job.Name, _chunkTimeout, _time);
                        live[worker] = true;
                        stats.WorkerStarted();
                    }
                    var partial = worker.Map(chunk, failures.GetValueOrDefault(chunk.Index) + 1, _byReference, _observer, out var heldKeys);
                    if (partial is not null)
                    {
                        done([chunk], partial);
                        continue;
                    }
                    held.Add(chunk);
                    heldBytes += chunk.Length;
                    stats.Held(chunk);
                    // With the bytes sent, a held chunk keeps its buffer here: hold one chunk only, so memory stays bounded.
                    if (!_byReference || heldBytes >= HeldBytesLimit || heldKeys >= HeldKeysLimit) Flush();
                }
                catch (WorkerFailedException e)
                {
                    // A worker killed because the run was cancelled is no failure of the chunk.
                    stop.Token.ThrowIfCancellationRequested();
                    CountFailure(chunk, e);
                    Replace(e);
                    // A dead worker lost what it held; a live one that failed a chunk threw it away.
                    LoseHeld();
                    redo.Enqueue(chunk);
                }
            }
            if (worker is not null)
            {
                stats.AddWorkerPeakRss(worker.PeakRssBytes());
                worker.Stop();
                RunTrace.Log($"worker {worker.Pid} stopped");
            }
        }
        catch
        {
            stop.Cancel();
            throw;
        }
        finally
        {
            if (worker is not null)
            {
                live.TryRemove(worker, out _);
                worker.Dispose();
            }
        }
    }
}
