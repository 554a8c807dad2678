using System.Collections.Concurrent;
using Braid.MapReduce.Engine;

namespace Braid.MapReduce.Executors;

/// <summary>
/// Maps chunks in N worker processes, each fed by its own coordinator thread over pipes. A worker that dies mid-chunk
/// is replaced by a fresh process and the chunk is sent again; a chunk that fails
/// <see cref="ChunkFailedException.MaxAttempts"/> times fails the job. At the end each worker's peak memory is read
/// before its input is closed, and every worker is gone when this returns, whatever happened.
/// </summary>
public sealed class ProcessExecutor : IExecutor
{
    private readonly WorkerLaunch _launch;
    private readonly IWorkerObserver? _observer;

    private readonly bool _byReference;

    /// <summary>
    /// Creates an executor of <paramref name="workers"/> processes started by <paramref name="launch"/>. With
    /// <paramref name="sendBytes"/> false (the default) workers read each chunk from its file themselves, given its
    /// place; with true the chunk's bytes go through the pipe, as they must to a worker that cannot see the file.
    /// </summary>
    public ProcessExecutor(int workers, WorkerLaunch launch, IWorkerObserver? observer = null, bool sendBytes = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        Workers = workers;
        _launch = launch;
        _observer = observer;
        _byReference = !sendBytes;
    }

    /// <inheritdoc />
    public string Name => "processes";

    /// <inheritdoc />
    public int Workers { get; }

    /// <inheritdoc />
    public async Task RunAsync(MapReduceJob job, IEnumerable<Chunk> chunks, Action<Chunk, Partial> done, MapReduceStats stats, CancellationToken cancellationToken)
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
        using var results = new BlockingCollection<(Chunk, Partial)>(boundedCapacity: Workers);
        var slots = Enumerable.Range(0, Workers).Select(_ => Task.Factory.StartNew(
            () => Serve(job, queue, (chunk, partial) => results.Add((chunk, partial), stop.Token), stats, live, stop),
            stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();
        var allServed = Task.WhenAll(slots).ContinueWith(_ => results.CompleteAdding(), TaskScheduler.Default);
        var merger = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var (chunk, partial) in results.GetConsumingEnumerable(stop.Token)) done(chunk, partial);
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
            await allServed;
        }
        finally
        {
            foreach (var worker in live.Keys) worker.Dispose();
        }
    }

    private void Serve(MapReduceJob job, BlockingCollection<Chunk> queue, Action<Chunk, Partial> done, MapReduceStats stats,
        ConcurrentDictionary<WorkerProcess, bool> live, CancellationTokenSource stop)
    {
        WorkerProcess? worker = null;
        try
        {
            foreach (var chunk in queue.GetConsumingEnumerable(stop.Token))
            {
                for (var attempt = 1; ; attempt++)
                {
                    stop.Token.ThrowIfCancellationRequested();
                    try
                    {
                        if (worker is null)
                        {
                            worker = WorkerProcess.Start(_launch, job.Name);
                            live[worker] = true;
                            stats.WorkerStarted();
                        }
                        done(chunk, worker.Map(chunk, attempt, _byReference, _observer));
                        break;
                    }
                    catch (WorkerFailedException e)
                    {
                        // A worker killed because the run was cancelled is no failure of the chunk.
                        stop.Token.ThrowIfCancellationRequested();
                        if (!e.WorkerAlive && worker is not null)
                        {
                            live.TryRemove(worker, out _);
                            worker.Dispose();
                            worker = null;
                            stats.WorkerReplaced();
                        }
                        if (attempt >= ChunkFailedException.MaxAttempts) throw new ChunkFailedException(chunk, attempt, e.Message);
                        stats.Retried();
                    }
                }
            }
            if (worker is not null)
            {
                stats.AddWorkerPeakRss(worker.PeakRssBytes());
                worker.Stop();
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
