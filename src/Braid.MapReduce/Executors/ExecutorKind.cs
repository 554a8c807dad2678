namespace Braid.MapReduce.Executors;

/// <summary>The three ways to run a job.</summary>
public enum ExecutorKind
{
    /// <summary>One thread, the caller's.</summary>
    Inline,

    /// <summary>N worker threads in this process.</summary>
    Threads,

    /// <summary>N worker processes over pipes.</summary>
    Processes,
}
