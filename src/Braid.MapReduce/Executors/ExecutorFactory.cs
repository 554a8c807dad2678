namespace Braid.MapReduce.Executors;

/// <summary>Makes executors by kind.</summary>
public static class ExecutorFactory
{
    /// <summary>
    /// Creates an executor; <paramref name="launch"/> (required for processes) and <paramref name="chunkTimeout"/> (default
    /// <see cref="ProcessExecutor.DefaultChunkTimeout"/>) matter only for <see cref="ExecutorKind.Processes"/>.
    /// </summary>
    public static IExecutor Create(ExecutorKind kind, int workers, WorkerLaunch? launch = null, IWorkerObserver? observer = null, TimeSpan? chunkTimeout = null) => kind switch
    {
        ExecutorKind.Inline => new InlineExecutor(),
        ExecutorKind.Threads => new ThreadsExecutor(workers),
        ExecutorKind.Processes => new ProcessExecutor(workers, launch ?? throw new ArgumentNullException(nameof(launch), "processes need a way to start a worker"), observer, chunkTimeout: chunkTimeout),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
