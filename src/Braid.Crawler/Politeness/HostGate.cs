using Braid.Crawler.Robots;

namespace Braid.Crawler.Politeness;

/// <summary>
/// Politeness towards one host (scheme, host and port, as robots.txt is scoped): at most <c>perHost</c> requests at
/// once (a <see cref="CapacityLimiter"/>), request starts spaced by the delay (the larger of <c>--delay</c> and the
/// host's Crawl-delay), and its robots.txt, fetched once by the first strand that needs it while the others wait.
/// It lives on the loop, so its clock is <see cref="Loop.Now"/> and it needs no lock.
/// </summary>
internal sealed class HostGate(string key, int perHost, TimeSpan delay)
{
    private readonly CapacityLimiter _slots = new(perHost, key);
    private TimeSpan _nextStart = TimeSpan.MinValue;
    private Event? _robotsFetched;

    public string Key => key;

    public RobotsRules? Robots { get; private set; }

    public TimeSpan Delay => Robots?.CrawlDelay is { } crawlDelay && crawlDelay > delay ? crawlDelay : delay;

    public int Busy => _slots.Borrowed;

    /// <summary>Takes one of the host's slots for the calling strand.</summary>
    public ParkAwaitable Enter() => _slots.Acquire();

    /// <summary>Gives the calling strand's slot back.</summary>
    public void Leave() => _slots.Release();

    /// <summary>
    /// Waits until the next request to this host may start. The start time is reserved before sleeping, so strands
    /// that arrive together are spaced out instead of all waking at the same moment.
    /// </summary>
    public async Coroutine WaitTurn()
    {
        var gap = Delay;
        if (gap <= TimeSpan.Zero) return;
        var now = Loop.Now;
        var start = _nextStart > now ? _nextStart : now;
        _nextStart = start + gap;
        if (start > now) await Loop.SleepUntil(start);
    }

    /// <summary>The host's rules, fetching robots.txt with <paramref name="fetch"/> when no strand has yet.</summary>
    public async Coroutine<RobotsRules> RobotsAsync(Func<Coroutine<RobotsRules>> fetch)
    {
        if (Robots is { } known) return known;
        if (_robotsFetched is { } pending)
        {
            await pending.Wait();
            return Robots!;
        }
        _robotsFetched = new Event();
        try
        {
            Robots = await fetch();
        }
        catch
        {
            Robots = RobotsRules.DisallowAll; // the fetch was cut short: waiters must not hang, and nothing is fetched blind
            throw;
        }
        finally
        {
            _robotsFetched.Set();
        }
        return Robots;
    }
}
