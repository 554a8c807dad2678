using System.Collections.Concurrent;
using Braid.MapReduce.Engine;

namespace Braid.MapReduce.Executors;

/// <summary>
/// Maps chunks on N dedicated threads fed by a bounded queue, so at most about 2N chunks are in memory at once.
/// Results are merged by the worker threads themselves (the merger locks), and no serialization is needed.
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
    public bool NeedsBytes => true;

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
                foreach (var chunk in queue.GetConsumingEnumerable(stop.Token))
                {
                    done([chunk], InProcessAttempts.Map(job, chunk, stats));
                }
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
