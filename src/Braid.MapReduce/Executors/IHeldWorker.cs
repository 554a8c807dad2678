using Braid.MapReduce.Engine;

namespace Braid.MapReduce.Executors;

/// <summary>
/// One worker as a <see cref="WorkerSlot"/> sees it: a worker process, or a grain on a cluster. It is given one chunk at
/// a time and answers with the chunk's result, or holds the result with those of its earlier chunks until asked
/// (<see cref="Flush"/>). Any failure is a <see cref="WorkerFailedException"/>; one that leaves the worker unusable
/// (dead, hung, lost with its machine) says so, and the slot then replaces the worker and maps again what it held.
/// </summary>
internal interface IHeldWorker : IDisposable
{
    /// <summary>The id of the process that maps (the worker's own, or its silo's), for observers and messages.</summary>
    int Pid { get; }

    /// <summary>
    /// Maps a chunk: its result, or null when the worker holds it (<paramref name="heldKeys"/> then says how many keys
    /// it holds). By reference the worker reads the chunk's bytes from its file itself; otherwise they are sent.
    /// </summary>
    Partial? Map(Chunk chunk, int attempt, bool byReference, IWorkerObserver? observer, out int heldKeys);

    /// <summary>The result of every chunk the worker holds, which must be exactly <paramref name="held"/>.</summary>
    Partial Flush(IReadOnlyList<Chunk> held, IWorkerObserver? observer);

    /// <summary>The worker's peak resident memory in bytes, or 0 where it is not known.</summary>
    long PeakRssBytes();

    /// <summary>Ends a worker that has answered everything it was given.</summary>
    void Stop();

    /// <summary>Stops the worker at once, whatever it is doing, so that a thread waiting on it is released.</summary>
    void Kill();
}
