using Braid.MapReduce.Engine;

namespace Braid.MapReduce.Executors;

/// <summary>Waits for an executor's tasks and surfaces the error that matters, not the cancellations it caused.</summary>
internal static class ExecutorTasks
{
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
