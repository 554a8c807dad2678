namespace Braid.MapReduce.Framing;

/// <summary>The kinds of frame between the coordinator and a worker process.</summary>
public enum FrameType : byte
{
    /// <summary>Coordinator to worker, first frame: the job's name (UTF-8).</summary>
    Hello = 1,

    /// <summary>Coordinator to worker: chunk number (int32), first line (int64), then the chunk's bytes.</summary>
    Chunk = 2,

    /// <summary>
    /// Coordinator to worker: a chunk by reference, for a worker on the same machine to read from the file itself:
    /// chunk number (int32), first line (int64), offset (int64), length (int32), then the file's path (UTF-8).
    /// </summary>
    ChunkRef = 5,

    /// <summary>Worker to coordinator: a chunk's partial result (see <see cref="PartialCodec"/>).</summary>
    Result = 3,

    /// <summary>Worker to coordinator: the map failed; chunk number (int32), then the message (UTF-8).</summary>
    Error = 4,
}
