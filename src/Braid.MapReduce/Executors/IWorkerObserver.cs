using Braid.MapReduce.Engine;

namespace Braid.MapReduce.Executors;

/// <summary>Sees each chunk sent to a worker process; tests use it to kill a worker at a chosen moment.</summary>
public interface IWorkerObserver
{
    /// <summary>Called just before a chunk is written to worker <paramref name="pid"/>.</summary>
    void Sending(int pid, Chunk chunk, int attempt);

    /// <summary>Called once the chunk is written, while the worker maps it.</summary>
    void Sent(int pid, Chunk chunk, int attempt);

    /// <summary>Called just before worker <paramref name="pid"/> is asked for the results it holds, of <paramref name="held"/>.</summary>
    void Flushing(int pid, IReadOnlyList<Chunk> held)
    {
    }
}
