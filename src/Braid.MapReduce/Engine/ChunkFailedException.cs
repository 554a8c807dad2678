namespace Braid.MapReduce.Engine;

/// <summary>A chunk failed on every attempt, which fails the job; the message names the chunk and the last error.</summary>
public sealed class ChunkFailedException : Exception
{
    /// <summary>The most attempts a chunk gets before the job fails.</summary>
    public const int MaxAttempts = 3;

    /// <summary>Creates the error for a chunk that failed <paramref name="attempts"/> times.</summary>
    public ChunkFailedException(Chunk chunk, int attempts, string lastError)
        : base($"{chunk} failed {attempts} times; last error: {lastError}")
    {
        ChunkIndex = chunk.Index;
    }

    /// <summary>The chunk that failed.</summary>
    public int ChunkIndex { get; }
}
