using Braid.Crawler.DemoSite;
using static Braid.Crawler.Tests.CrawlHarness;

namespace Braid.Crawler.Tests;

/// <summary>A crawl with a state file, stopped mid-way and resumed: no page fetched twice, none missed.</summary>
public sealed class ResumeTests
{
    private const int Pages = 80;

    [Fact]
    public async Task A_stopped_crawl_resumes_without_fetching_any_page_twice()
    {
        await using var site = await DemoSite.DemoSite.StartAsync(new DemoSiteOptions { Pages = Pages, Traps = false });
        var dir = TempDir();
        var options = Options(site, concurrency: 4) with { StatePath = Path.Combine(dir, "crawl.db"), OutputPath = Path.Combine(dir, "out.jsonl") };

        var (first, firstRecords) = await CrawlAsync(options, (crawler, _) => crawler.RequestStop());
        Assert.True(first.Stopped);
        Assert.True(first.Remaining > 0);
        Assert.InRange(firstRecords.Count, 1, 4); // the pages in flight when the stop came finish and are recorded
        Assert.True(File.Exists(options.OutputPath));

        var (second, secondRecords) = await CrawlAsync(options);
        Assert.False(second.Stopped);
        Assert.Equal(Pages + 1, second.Pages);
        Assert.Equal(Pages + 1, firstRecords.Count + secondRecords.Count);

        var pageRequests = site.Log.Requests.Where(r => r.Key != "/robots.txt").ToList();
        Assert.Equal(Pages + 1, pageRequests.Count);
        Assert.All(pageRequests, r => Assert.Equal(1, r.Value));

        // The output holds both runs' records, each URL once; no temporary file is left behind.
        var lines = File.ReadAllLines(options.OutputPath!);
        Assert.Equal(Pages + 1, lines.Length);
        Assert.Equal(Pages + 1, lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("url").GetString()).Distinct().Count());
        Assert.False(File.Exists(options.OutputPath + ".part"));

        // A third run has nothing left to do and fetches nothing.
        site.Log.Clear();
        var (third, _) = await CrawlAsync(options);
        Assert.Equal(0, third.PagesThisRun);
        Assert.DoesNotContain(site.Log.Requests.Keys, k => k != "/robots.txt");
    }

    [Fact]
    public async Task A_stop_cancels_pages_still_in_flight_after_the_grace_and_leaves_them_for_the_resumed_crawl()
    {
        await using var site = await DemoSite.DemoSite.StartAsync(new DemoSiteOptions { Pages = 5, SlowDelay = TimeSpan.FromSeconds(30) });
        var options = Options(site) with { StatePath = Path.Combine(TempDir(), "crawl.db"), Timeout = TimeSpan.FromSeconds(10) };
        var (first, records) = await CrawlAsync(options, (crawler, r) =>
        {
            if (r.Url.EndsWith("/page/0", StringComparison.Ordinal)) crawler.RequestStop();
        });
        Assert.True(first.Stopped);
        Assert.True(first.Elapsed < WebCrawler.StopGrace + TimeSpan.FromSeconds(5), $"the stop took {first.Elapsed}");
        Assert.DoesNotContain(records, r => r.Url.EndsWith("/slow", StringComparison.Ordinal));

        var (_, resumed) = await CrawlAsync(options with { Timeout = TimeSpan.FromMilliseconds(300) });
        Assert.Contains(resumed, r => r.Url.EndsWith("/slow", StringComparison.Ordinal) && r.ErrorKind == "timeout");
    }

    [Fact]
    public async Task A_state_file_of_another_crawl_is_refused()
    {
        await using var site = await DemoSite.DemoSite.StartAsync(new DemoSiteOptions { Pages = 5, Traps = false });
        var state = Path.Combine(TempDir(), "crawl.db");
        await CrawlAsync(Options(site) with { StatePath = state });
        var other = Options(site) with { Seeds = [new Uri(site.Url, "/page/3")], StatePath = state };
        var e = await Assert.ThrowsAsync<CrawlInputException>(() => CrawlAsync(other));
        Assert.Contains("another crawl", e.Message);
    }

    [Fact]
    public async Task A_file_that_is_not_a_state_file_is_refused()
    {
        var state = Path.Combine(TempDir(), "notes.db");
        await File.WriteAllTextAsync(state, "these are not the pages you are looking for, nor a database\n");
        await using var site = await DemoSite.DemoSite.StartAsync(new DemoSiteOptions { Pages = 5, Traps = false });
        var e = await Assert.ThrowsAsync<CrawlInputException>(() => CrawlAsync(Options(site) with { StatePath = state }));
        Assert.Contains("not a crawl state file", e.Message);
    }
}
