using Braid.MapReduce.Engine;

namespace Braid.MapReduce.Executors;

/// <summary>
/// The retry rule for executors that map in this process: an exception from the map is one failed attempt, except a
/// changed input file, which no retry can fix.
/// </summary>
internal static class InProcessAttempts
{
    /// <summary>Maps a chunk, reading it through <paramref name="files"/> when it is only a place in its file.</summary>
    public static Partial Map(MapReduceJob job, Chunk chunk, MapReduceStats stats, ChunkFiles? files = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (chunk.HasBytes) return ChunkMapper.Map(job, chunk);
                var bytes = (files ?? throw new InvalidOperationException($"{chunk} has no bytes and nothing to read it with")).Read(chunk);
                return ChunkMapper.Map(job, chunk.Index, chunk.FileIndex, chunk.FirstLine, bytes);
            }
            catch (Exception e) when (e is not OperationCanceledException and not InputChangedException)
            {
                if (attempt >= ChunkFailedException.MaxAttempts) throw new ChunkFailedException(chunk, attempt, $"{e.GetType().Name}: {e.Message}");
                stats.Retried();
            }
        }
    }
}
