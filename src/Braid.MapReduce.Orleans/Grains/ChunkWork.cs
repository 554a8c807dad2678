namespace Braid.MapReduce.Orleans.Grains;

/// <summary>
/// One chunk sent to a slot grain: where it is in its file, and its bytes when the silos cannot read the file
/// themselves (null when they can: a path every silo sees, a shared or replicated file).
/// </summary>
[GenerateSerializer, Immutable]
public sealed class ChunkWork
{
    /// <summary>The job's name (<see cref="Jobs.JobCatalog"/>).</summary>
    [Id(0)] public required string Job { get; init; }

    /// <summary>The chunk's number in the job.</summary>
    [Id(1)] public int Index { get; init; }

    /// <summary>The file's position in the job's list of files.</summary>
    [Id(2)] public int FileIndex { get; init; }

    /// <summary>1-based number of the chunk's first line, or 0 when not counted.</summary>
    [Id(3)] public long FirstLine { get; init; }

    /// <summary>The file's path, as the silos see it.</summary>
    [Id(4)] public required string File { get; init; }

    /// <summary>The chunk's byte offset in its file.</summary>
    [Id(5)] public long Offset { get; init; }

    /// <summary>The chunk's length in bytes.</summary>
    [Id(6)] public int Length { get; init; }

    /// <summary>The file's length when it was split: a silo reading it checks that it has not changed.</summary>
    [Id(7)] public long FileLength { get; init; }

    /// <summary>The chunk's bytes, or null for the silo to read them from the file.</summary>
    [Id(8)] public byte[]? Bytes { get; init; }
}
