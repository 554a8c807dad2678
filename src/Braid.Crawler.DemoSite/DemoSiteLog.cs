using System.Collections.Concurrent;
using System.Diagnostics;

namespace Braid.Crawler.DemoSite;

/// <summary>
/// What the site saw, measured on its side: requests per path, when each request arrived, and the most requests it
/// was serving at once, which is what politeness tests must check (the crawler's own account could be wrong).
/// </summary>
public sealed class DemoSiteLog
{
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Path, TimeSpan At)> _arrivals = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _current;
    private int _max;
    private int _total;

    /// <summary>Requests per path (with query), over the site's life.</summary>
    public IReadOnlyDictionary<string, int> Requests => _requests;

    /// <summary>Requests served in all.</summary>
    public int Total => Volatile.Read(ref _total);

    /// <summary>The most requests in progress at one moment.</summary>
    public int MaxConcurrent => Volatile.Read(ref _max);

    /// <summary>Each request's path and arrival time (on the site's clock), in arrival order.</summary>
    public IReadOnlyList<(string Path, TimeSpan At)> Arrivals => _arrivals.ToArray();

    /// <summary>How many times <paramref name="path"/> was requested.</summary>
    public int Count(string path) => _requests.GetValueOrDefault(path);

    /// <summary>Forgets everything seen so far (not the traps' state).</summary>
    public void Clear()
    {
        _requests.Clear();
        _arrivals.Clear();
        Volatile.Write(ref _max, 0);
        Volatile.Write(ref _total, 0);
    }

    internal int Begin(string path)
    {
        _arrivals.Enqueue((path, _clock.Elapsed));
        Interlocked.Increment(ref _total);
        var now = Interlocked.Increment(ref _current);
        for (var max = Volatile.Read(ref _max); now > max; max = Volatile.Read(ref _max))
        {
            if (Interlocked.CompareExchange(ref _max, now, max) == max) break;
        }
        return _requests.AddOrUpdate(path, 1, (_, n) => n + 1);
    }

    internal void End() => Interlocked.Decrement(ref _current);
}
