using Braid.MapReduce.Engine;

namespace Braid.MapReduce.Executors;

/// <summary>The retry rule for executors that map in this process: an exception from the map is one failed attempt.</summary>
internal static class InProcessAttempts
{
    public static Partial Map(MapReduceJob job, Chunk chunk, MapReduceStats stats)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return ChunkMapper.Map(job, chunk);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (attempt >= ChunkFailedException.MaxAttempts) throw new ChunkFailedException(chunk, attempt, $"{e.GetType().Name}: {e.Message}");
                stats.Retried();
            }
        }
    }
}
