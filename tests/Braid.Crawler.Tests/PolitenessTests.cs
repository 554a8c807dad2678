using Braid.Crawler.DemoSite;
using static Braid.Crawler.Tests.CrawlHarness;

namespace Braid.Crawler.Tests;

/// <summary>
/// Per-host concurrency and delay, measured on the servers' side (two sites on two ports are two hosts). Run alone:
/// arrival times measured while other tests load both cores shift too much to say anything about spacing.
/// </summary>
[Collection(nameof(TimingCollection))]
public sealed class PolitenessTests
{
    [Fact]
    public async Task Per_host_concurrency_is_never_exceeded_while_the_global_pool_is_used()
    {
        await using var a = await DemoSite.DemoSite.StartAsync(new DemoSiteOptions { Pages = 150, Traps = false, PageDelay = TimeSpan.FromMilliseconds(2) });
        await using var b = await DemoSite.DemoSite.StartAsync(new DemoSiteOptions { Pages = 150, Traps = false, PageDelay = TimeSpan.FromMilliseconds(2) });
        var (summary, _) = await CrawlAsync(Options(a, concurrency: 12) with { Seeds = [a.Url, b.Url], PerHost = 2 });
        Assert.Equal(2 * 151, summary.Pages);
        Assert.InRange(a.Log.MaxConcurrent, 1, 2);
        Assert.InRange(b.Log.MaxConcurrent, 1, 2);
    }

    [Fact]
    public async Task The_servers_count_would_catch_a_crawler_that_ignored_the_limit()
    {
        // The check above is worth something only if the server's counter sees overlap when there is some: with a
        // per-host limit of 8 and pages that take a few milliseconds, it must see more than 2 at once.
        await using var site = await DemoSite.DemoSite.StartAsync(new DemoSiteOptions { Pages = 60, Traps = false, PageDelay = TimeSpan.FromMilliseconds(5) });
        await CrawlAsync(Options(site, concurrency: 8) with { PerHost = 8 });
        Assert.True(site.Log.MaxConcurrent > 2, $"the server saw at most {site.Log.MaxConcurrent} at once");
    }

    [Fact]
    public async Task Requests_to_one_host_start_at_least_the_delay_apart()
    {
        var delay = TimeSpan.FromMilliseconds(200);
        await using var site = await DemoSite.DemoSite.StartAsync(new DemoSiteOptions { Pages = 12, Traps = false });
        await CrawlAsync(Options(site) with { PerHost = 4, Delay = delay });
        var arrivals = site.Log.Arrivals.Select(x => x.At).ToList();
        Assert.True(arrivals.Count == 14, $"robots.txt, the home page and 12 pages, not: {string.Join(", ", site.Log.Arrivals.Select(x => x.Path))}");
        // The crawler spaces the starts. What the server sees is shifted by each request's own latency (a request that
        // opens a new connection arrives later than one that reuses it), so single gaps can look short; a burst cannot
        // hide, though: no window of one delay holds more than two arrivals, and the whole span is at least 13 delays.
        // The first arrival (robots.txt, which also runs HttpClient's code for the first time) is left out of the windows.
        for (var i = 1; i + 2 < arrivals.Count; i++)
        {
            Assert.True(arrivals[i + 2] - arrivals[i] >= delay, $"three requests within {(arrivals[i + 2] - arrivals[i]).TotalMilliseconds:0} ms");
        }
        Assert.True(arrivals[^1] - arrivals[0] >= delay * 13 * 0.9);
    }
}

/// <summary>Tests that measure time, run with no other test beside them.</summary>
[CollectionDefinition(nameof(TimingCollection), DisableParallelization = true)]
public sealed class TimingCollection;
