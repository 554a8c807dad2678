using System.Collections.Concurrent;
using Braid.MapReduce.Engine;

namespace Braid.MapReduce.Executors;

/// <summary>
/// One of N slots (<see cref="SlotPool"/>): a coordinator thread that keeps one worker (a process, or a grain on a
/// cluster) busy, replacing it when it dies. It sends the worker chunks from the shared queue; for a job with a combiner the worker holds their results and
/// the slot asks for them (Flush) at the end, or once the worker holds <see cref="ProcessExecutor.HeldBytesLimit"/> of
/// input or <see cref="ProcessExecutor.HeldKeysLimit"/> keys. A chunk whose attempt fails counts one failure; the
/// chunks whose results were held by a worker that is lost are mapped again without counting one (the failed chunk
/// is to blame), so a chunk that keeps killing workers still fails the job after
/// <see cref="ChunkFailedException.MaxAttempts"/> attempts.
/// </summary>
internal sealed class WorkerSlot(MapReduceJob job, Func<IHeldWorker> start, bool byReference, IWorkerObserver? observer,
    MapReduceStats stats, ConcurrentDictionary<IHeldWorker, bool> live, CancellationTokenSource stop)
{
    private readonly MapReduceJob _job = job;
    private readonly Func<IHeldWorker> _start = start;
    private readonly bool _byReference = byReference;
    private readonly IWorkerObserver? _observer = observer;
    private readonly MapReduceStats _stats = stats;
    private readonly ConcurrentDictionary<IHeldWorker, bool> _live = live;
    private readonly CancellationTokenSource _stop = stop;

    /// <summary>Maps chunks from the queue until it is done, handing each result to <paramref name="done"/>.</summary>
    public void Serve(BlockingCollection<Chunk> queue, Action<IReadOnlyList<Chunk>, Partial> done)
    {
        IHeldWorker? worker = null;
        // Chunks whose results the worker holds, unsent: lost, and so mapped again, if the worker dies or fails.
        var held = new List<Chunk>();
        long heldBytes = 0;
        // Chunks to map again (a failed one, and the ones held with it) before taking new ones from the queue.
        var redo = new Queue<Chunk>();
        var failures = new Dictionary<int, int>();

        void Replace(WorkerFailedException e)
        {
            if (e.WorkerAlive || worker is null) return;
            _live.TryRemove(worker, out _);
            worker.Dispose();
            worker = null;
            _stats.WorkerReplaced();
        }

        void LoseHeld()
        {
            _stats.Unheld(held, lost: true);
            foreach (var chunk in held) redo.Enqueue(chunk);
            held.Clear();
            heldBytes = 0;
        }

        void CountFailure(Chunk chunk, WorkerFailedException e)
        {
            var attempts = failures[chunk.Index] = failures.GetValueOrDefault(chunk.Index) + 1;
            if (attempts >= ChunkFailedException.MaxAttempts) throw new ChunkFailedException(chunk, attempts, e.Message);
            _stats.Retried();
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
                _stats.Unheld(chunks, lost: false);
                done(chunks, partial);
            }
            catch (WorkerFailedException e)
            {
                _stop.Token.ThrowIfCancellationRequested();
                // Dying while sending many chunks' results is a failure of each of them (so it cannot repeat forever).
                foreach (var chunk in held) CountFailure(chunk, e);
                Replace(e);
                LoseHeld();
            }
        }

        try
        {
            using var source = queue.GetConsumingEnumerable(_stop.Token).GetEnumerator();
            while (true)
            {
                _stop.Token.ThrowIfCancellationRequested();
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
                        worker = _start();
                        _live[worker] = true;
                        _stats.WorkerStarted();
                    }
                    var partial = worker.Map(chunk, failures.GetValueOrDefault(chunk.Index) + 1, _byReference, _observer, out var heldKeys);
                    if (partial is not null)
                    {
                        done([chunk], partial);
                        continue;
                    }
                    held.Add(chunk);
                    heldBytes += chunk.Length;
                    _stats.Held(chunk);
                    // With the bytes sent, a held chunk keeps its buffer here: hold one chunk only, so memory stays bounded.
                    if (!_byReference || heldBytes >= ProcessExecutor.HeldBytesLimit || heldKeys >= ProcessExecutor.HeldKeysLimit) Flush();
                }
                catch (WorkerFailedException e)
                {
                    // A worker killed because the run was cancelled is no failure of the chunk.
                    _stop.Token.ThrowIfCancellationRequested();
                    CountFailure(chunk, e);
                    Replace(e);
                    // A dead worker lost what it held; a live one that failed a chunk threw it away.
                    LoseHeld();
                    redo.Enqueue(chunk);
                }
            }
            if (worker is not null)
            {
                _stats.AddWorkerPeakRss(worker.PeakRssBytes());
                worker.Stop();
                RunTrace.Log($"worker {worker.Pid} stopped");
            }
        }
        catch
        {
            _stop.Cancel();
            throw;
        }
        finally
        {
            if (worker is not null)
            {
                _live.TryRemove(worker, out _);
                worker.Dispose();
            }
        }
    }
}
