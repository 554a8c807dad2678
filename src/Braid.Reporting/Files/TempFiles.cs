using System.Collections.Concurrent;

namespace Braid.Reporting.Files;

/// <summary>
/// The temporary files this process has made and not yet removed (generated inputs of benchmarks and the tour, the
/// half-written files of <see cref="AtomicFile"/>). Each is removed by its owner when done; whatever is left when the
/// process is interrupted is removed by <see cref="DeleteAll"/>, which the command line calls on Ctrl-C and SIGTERM.
/// </summary>
public static class TempFiles
{
    private static readonly ConcurrentDictionary<string, bool> Live = new(StringComparer.Ordinal);

    /// <summary>A new path in the temporary folder, named <c>PREFIX-PID-RANDOM.EXT</c>, tracked until deleted.</summary>
    public static string Create(string prefix, string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Environment.ProcessId}-{Guid.NewGuid():N}{extension}");
        Track(path);
        return path;
    }

    /// <summary>Tracks a path made elsewhere, so that an interrupt removes it.</summary>
    public static void Track(string path) => Live[path] = true;

    /// <summary>Deletes a tracked file (if it is there) and stops tracking it.</summary>
    public static void Delete(string path)
    {
        Live.TryRemove(path, out _);
        TryDelete(path);
    }

    /// <summary>The files tracked now.</summary>
    public static IReadOnlyCollection<string> Tracked => [.. Live.Keys];

    /// <summary>Deletes every tracked file; never throws (it runs while the process is being stopped).</summary>
    public static void DeleteAll()
    {
        foreach (var path in Live.Keys) Delete(path);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
