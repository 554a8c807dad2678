namespace Braid.MapReduce.Executors;

/// <summary>A chunk attempt on a worker process failed: the worker died, or (if <see cref="WorkerAlive"/>) its map threw.</summary>
internal sealed class WorkerFailedException(string message, bool workerAlive) : Exception(message)
{
    /// <summary>True when the worker is still usable (it reported an error instead of dying).</summary>
    public bool WorkerAlive { get; } = workerAlive;
}
