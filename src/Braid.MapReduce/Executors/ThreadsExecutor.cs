using System.Collections.Concurrent;
using Braid.MapReduce.Engine;

namespace Braid.MapReduce.Executors;

/// <summary>
/// Maps chunks on N dedicated threads fed by a bounded queue, so at most about 2N chunks are in memory at once. With a
/// combiner each thread folds its results into a table of its own and merges it once at the end; without one, each
/// chunk's result is merged as it comes (the merger locks). No serialization is needed.
/// </summary>
public sealed class ThreadsExecutor : IExecutor
{
    /// <summary>Creates an executor with the given number of threads.</summary>
    public ThreadsExecutor(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        Workers = workers;
    }

    /// <inheritdoc />
    public string Name => "threads";

    /// <inheritdoc />
    /// <remarks>Each thread reads its chunks from the file itself, like a worker process: in parallel, into a buffer of its own.</remarks>
    public bool NeedsBytes => false;

    /// <inheritdoc />
    public int Workers { get; }

    /// <inheritdoc />
    public async Task RunAsync(MapReduceJob job, IEnumerable<Chunk> chunks, Action<IReadOnlyList<Chunk>, Partial> done, MapReduceStats stats, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var queue = new BlockingCollection<Chunk>(boundedCapacity: Workers);
        var threads = Enumerable.Range(0, Workers).Select(_ => Task.Factory.StartNew(() =>
        {
            try
            {
                using var files = new ChunkFiles();
                if (!job.HasCombiner)
                {
                    foreach (var chunk in queue.GetConsumingEnumerable(stop.Token)) done([chunk], InProcessAttempts.Map(job, chunk, stats, files));
                    return;
                }
                // With a combiner each thread folds its chunks' results into its own table, without a lock, and hands
                // them over once at the end: the same keys are not merged under the shared lock chunk after chunk.
                var folded = new Emitter(job);
                var chunks = new List<Chunk>();
                long invalid = 0;
                foreach (var chunk in queue.GetConsumingEnumerable(stop.Token))
                {
                    var partial = InProcessAttempts.Map(job, chunk, stats, files);
                    folded.Fold(partial);
                    invalid += partial.InvalidUtf8;
                    partial.Release();
                    chunks.Add(chunk);
                    stats.Held(chunk);
                }
                stats.Unheld(chunks, lost: false);
                done(chunks, folded.ToPartial([.. chunks.Select(c => c.Index)], invalid));
            }
            catch
            {
                stop.Cancel();
                throw;
            }
        }, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();

        var feeder = ExecutorTasks.StartFeeder(chunks, queue, stop);

        await ExecutorTasks.WhenAllAsync([feeder, .. threads], cancellationToken);
    }
}
