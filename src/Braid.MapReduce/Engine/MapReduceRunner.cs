using System.Diagnostics;
using Braid.MapReduce.Executors;

namespace Braid.MapReduce.Engine;

/// <summary>Runs a job over input files on an executor: checks the files, streams the chunks, merges and reduces.</summary>
public static class MapReduceRunner
{
    /// <summary>The default chunk size: large enough that per-chunk costs vanish, small enough to keep memory low.</summary>
    public const int DefaultChunkSize = 4 << 20;

    /// <summary>
    /// Runs the job. <paramref name="stats"/>, if given, is updated as chunks finish (for a progress display).
    /// Throws <see cref="InputException"/> for unusable files, <see cref="InputChangedException"/> when a file changed
    /// while it was read (whichever executor read it), and <see cref="ChunkFailedException"/> when a chunk fails on every
    /// attempt.
    /// </summary>
    public static async Task<MapReduceResult> RunAsync(MapReduceJob job, IReadOnlyList<string> files, IExecutor executor,
        int chunkSize = DefaultChunkSize, MapReduceStats? stats = null, CancellationToken cancellationToken = default)
    {
        RunTrace.Log($"{job.Name} on {executor.Name} x{executor.Workers}: start");
        stats ??= new MapReduceStats();
        var before = InputFiles.Snapshot(files);
        stats.TotalBytes = before.Sum(s => s.Length);
        var clock = Stopwatch.StartNew();
        var merger = new Merger(job);
        var warmUp = Task.Run(() => Merger.WarmUp(job), cancellationToken);
        // Numbering lines takes a pass over the input; without it, workers that read their own chunks need only places.
        var chunks = executor.NeedsBytes || job.UsesLineNumbers ? ChunkReader.Read(files, chunkSize) : ChunkPlaces.Read(files, chunkSize);
        try
        {
            // An executor may fail before its first await (inline maps everything there): the call is inside the try.
            await executor.RunAsync(job, chunks, (done, partial) =>
            {
                RunTrace.Log($"merging {done.Count} chunks");
                merger.Add(partial);
                RunTrace.Log($"merged {done.Count} chunks");
                partial.Release();
                foreach (var chunk in done)
                {
                    stats.ChunkDone(chunk);
                    chunk.Release();
                }
            }, stats, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException and not InputChangedException)
        {
            // A chunk that failed because its file changed under it fails for that reason, whatever the executor saw.
            InputFiles.CheckUnchanged(files, before);
            throw;
        }
        // Every chunk was read: the files must still be as they were, or the result counts an input that is gone.
        InputFiles.CheckUnchanged(files, before);
        await warmUp;
        RunTrace.Log("every chunk merged");
        var values = merger.Reduce();
        RunTrace.Log("reduced");
        return new MapReduceResult(values, merger.InvalidUtf8, stats, clock.Elapsed);
    }
}
