using System.Collections.Concurrent;
using Braid.MapReduce.Engine;

namespace Braid.MapReduce.Executors;

/// <summary>What the executors share: feeding chunks, and waiting for their tasks so the error that matters surfaces, not the cancellations it caused.</summary>
internal static class ExecutorTasks
{
    /// <summary>
    /// Feeds the chunks into the bounded queue on a thread of its own (the queue's bound is the back-pressure that keeps
    /// memory to chunk size times workers); a failure stops everything, and the queue is completed either way.
    /// </summary>
    public static Task StartFeeder(IEnumerable<Chunk> chunks, BlockingCollection<Chunk> queue, CancellationTokenSource stop) =>
        Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var chunk in chunks) queue.Add(chunk, stop.Token);
            }
            catch
            {
                stop.Cancel();
                throw;
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    public static async Task WhenAllAsync(IReadOnlyList<Task> tasks, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(tasks);
        }
        catch
        {
            // The first real failure wins; the others were cancelled because of it.
            var errors = tasks.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions).ToList();
            var real = errors.FirstOrDefault(e => e is ChunkFailedException)
                       ?? errors.FirstOrDefault(e => e is not OperationCanceledException);
            cancellationToken.ThrowIfCancellationRequested();
            if (real is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(real);
            throw;
        }
    }
}
