namespace Braid.MapReduce.Framing;

/// <summary>The kinds of frame between the coordinator and a worker process.</summary>
public enum FrameType : byte
{
    /// <summary>Coordinator to worker, first frame: the job's name (UTF-8).</summary>
    Hello = 1,

    /// <summary>Coordinator to worker: chunk number (int32), first line (int64), file index (int32), then the chunk's bytes.</summary>
    Chunk = 2,

    /// <summary>
    /// Coordinator to worker: a chunk by reference, for a worker on the same machine to read from the file itself:
    /// chunk number (int32), first line (int64), file index (int32), offset (int64), length (int32), the file's length when it was split
    /// (int64), then the file's path (UTF-8).
    /// </summary>
    ChunkRef = 5,

    /// <summary>Coordinator to worker, no payload: send the result of every chunk held so far.</summary>
    Flush = 6,

    /// <summary>
    /// Worker to coordinator, for a job with a combiner: the chunk is mapped and folded into what the worker holds,
    /// to be sent at the next Flush; chunk number (int32), then the keys held (int32). Held results are lost if the
    /// worker dies, so the coordinator keeps those chunks until a Result covers them.
    /// </summary>
    Held = 7,

    /// <summary>
    /// Worker to coordinator: a partial result (see <see cref="PartialCodec"/>), of one chunk (a job without a
    /// combiner) or of every chunk held (the answer to Flush).
    /// </summary>
    Result = 3,

    /// <summary>
    /// Worker to coordinator: the map failed; chunk number (int32), then the message (UTF-8). The worker has thrown
    /// away every result it held.
    /// </summary>
    Error = 4,
}
