using Braid.MapReduce.Engine;

namespace Braid.MapReduce.Executors;

/// <summary>Maps every chunk on the calling thread, one after another: the baseline every other executor must match.</summary>
public sealed class InlineExecutor : IExecutor
{
    /// <inheritdoc />
    public string Name => "inline";

    /// <inheritdoc />
    public bool NeedsBytes => true;

    /// <inheritdoc />
    public int Workers => 1;

    /// <inheritdoc />
    public Task RunAsync(MapReduceJob job, IEnumerable<Chunk> chunks, Action<IReadOnlyList<Chunk>, Partial> done, MapReduceStats stats, CancellationToken cancellationToken)
    {
        foreach (var chunk in chunks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            done([chunk], InProcessAttempts.Map(job, chunk, stats));
        }
        return Task.CompletedTask;
    }
}
