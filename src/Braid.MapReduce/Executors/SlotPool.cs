using System.Collections.Concurrent;
using Braid.MapReduce.Engine;

namespace Braid.MapReduce.Executors;

/// <summary>
/// Runs N <see cref="WorkerSlot"/>s over one stream of chunks: a feeder fills a bounded queue, each slot keeps one
/// worker busy on its own thread, and results are merged on a thread of their own, so that a worker is sent its next
/// chunk while its last is merged. What a worker is (a process, a grain on a cluster) is the caller's: it is handed
/// how to start one. Every worker is gone when this returns, whatever happened.
/// </summary>
internal static class SlotPool
{
    /// <summary>
    /// Maps every chunk on <paramref name="workers"/> slots; slot <c>i</c> starts its workers (the first, and each
    /// replacement) with <c>start(i)</c>.
    /// </summary>
    public static async Task RunAsync(int workers, Func<int, IHeldWorker> start, bool byReference, IWorkerObserver? observer,
        MapReduceJob job, IEnumerable<Chunk> chunks, Action<IReadOnlyList<Chunk>, Partial> done, MapReduceStats stats, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var queue = new BlockingCollection<Chunk>(boundedCapacity: workers);
        var live = new ConcurrentDictionary<IHeldWorker, bool>();
        // Cancelling kills the workers, which also unblocks the threads waiting on them.
        using var killOnStop = stop.Token.Register(() =>
        {
            foreach (var worker in live.Keys) worker.Kill();
        });

        using var results = new BlockingCollection<(IReadOnlyList<Chunk>, Partial)>(boundedCapacity: workers);
        var slots = Enumerable.Range(0, workers).Select(i => Task.Factory.StartNew(
            () => new WorkerSlot(job, () => start(i), byReference, observer, stats, live, stop).Serve(queue, (chunks, partial) => results.Add((chunks, partial), stop.Token)),
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
}
