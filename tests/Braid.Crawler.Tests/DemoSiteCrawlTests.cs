using Braid.Crawler.DemoSite;
using static Braid.Crawler.Tests.CrawlHarness;

namespace Braid.Crawler.Tests;

/// <summary>A crawl of the demo site with every trap: exactly which URLs are requested (counted by the server) and recorded.</summary>
public sealed class DemoSiteCrawlTests
{
    private const int Pages = 12;

    [Fact]
    public async Task Fetches_exactly_the_pages_it_must_and_records_every_trap()
    {
        await using var site = await DemoSite.DemoSite.StartAsync(new DemoSiteOptions { Pages = Pages, SlowDelay = TimeSpan.FromSeconds(20), HugeBytes = 5_000_000 });
        var (summary, records) = await CrawlAsync(Options(site));

        var expected = new Dictionary<string, int>
        {
            ["/robots.txt"] = 1, ["/"] = 1, ["/redirect/1"] = 1, ["/loop/a"] = 1, ["/loop/b"] = 1, ["/missing"] = 1,
            ["/flaky"] = 2, ["/busy"] = 2, ["/slow"] = 2, ["/huge"] = 1, ["/files/data.csv"] = 1, ["/private/open"] = 1,
            ["/malformed"] = 1, ["/base/target"] = 1,
        };
        for (var i = 0; i < Pages; i++) expected[$"/page/{i}"] = 1;
        Assert.Equal(expected.OrderBy(p => p.Key), site.Log.Requests.OrderBy(p => p.Key));

        var byPath = records.ToDictionary(r => PathOf(r.Url));
        Assert.Equal("robots", byPath["/private/secret"].ErrorKind);
        Assert.Equal("robots", byPath["/files/report.pdf"].ErrorKind);
        Assert.DoesNotContain(records, r => r.Url.Contains("elsewhere", StringComparison.Ordinal) || r.Url.Contains("/img/", StringComparison.Ordinal));
        Assert.Equal("redirect-loop", byPath["/loop/a"].ErrorKind);
        Assert.Equal([site.Url + "loop/b"], byPath["/loop/a"].Redirects);
        Assert.Equal(site.Url + "page/1", byPath["/redirect/1"].FinalUrl);
        Assert.Equal((404, "http-4xx"), (byPath["/missing"].Status!.Value, byPath["/missing"].ErrorKind!));
        Assert.Equal((200, 1), (byPath["/flaky"].Status!.Value, byPath["/flaky"].Retries));
        Assert.Equal((200, 1), (byPath["/busy"].Status!.Value, byPath["/busy"].Retries));
        Assert.True(byPath["/busy"].ElapsedMs >= 900, $"Retry-After: 1 was honoured ({byPath["/busy"].ElapsedMs} ms)");
        Assert.Equal(("timeout", 1), (byPath["/slow"].ErrorKind!, byPath["/slow"].Retries));
        Assert.Equal((true, 100_000L), (byPath["/huge"].Truncated, byPath["/huge"].Bytes));
        Assert.Equal(("text/csv", 0), (byPath["/files/data.csv"].ContentType!, byPath["/files/data.csv"].Links));
        Assert.Equal("Page 3", byPath["/page/3"].Title);
        Assert.Equal("Base", byPath["/base/target"].Title);
        Assert.Equal(site.Url + "malformed", byPath["/base/target"].Referrer);
        Assert.Contains(site.Url + "sitemap.xml", summary.Sitemaps);
        Assert.True(summary.OutOfScope >= 1);
        // Each URL is recorded once: a page reached by a redirect hop is recorded as that redirect's final URL.
        var recorded = records.Select(r => r.Url).Concat(records.SelectMany(r => r.Redirects)).ToList();
        Assert.Equal(recorded.Count, recorded.Distinct().Count());
    }

    [Fact]
    public async Task Depth_and_page_limits_and_exclusions_bound_the_crawl()
    {
        const int pages = 60;
        await using var site = await DemoSite.DemoSite.StartAsync(new DemoSiteOptions { Pages = pages, Traps = false });
        var depths = DemoGraph.Depths(pages);

        // The home page is depth 0 and /page/0 depth 1, so depth 3 reaches the pages within 2 links of /page/0.
        var (_, shallow) = await CrawlAsync(Options(site) with { MaxDepth = 3 });
        var expected = Enumerable.Range(0, pages).Where(i => depths[i] <= 2).Select(i => $"/page/{i}").Append("/").Order();
        Assert.Equal(expected, shallow.Select(r => PathOf(r.Url)).Order());

        site.Log.Clear();
        var (limited, few) = await CrawlAsync(Options(site) with { MaxPages = 10 });
        Assert.Equal(10, few.Count);
        Assert.Equal(10, limited.Pages);
        Assert.Equal(11, site.Log.Total); // and robots.txt

        var (_, excluded) = await CrawlAsync(Options(site) with { Exclude = new System.Text.RegularExpressions.Regex("/page/[0-9]*5$") });
        Assert.DoesNotContain(excluded, r => r.Url.EndsWith('5'));
        Assert.Equal(pages + 1 - 6, excluded.Count); // 5, 15, 25, 35, 45, 55 left out
    }

    [Fact]
    public void Bad_seeds_are_refused_with_one_line()
    {
        var e = Assert.Throws<CrawlInputException>(() => new WebCrawler(new CrawlOptions { Seeds = [new Uri("ftp://127.0.0.1/x")] }));
        Assert.Contains("not an http or https URL", e.Message);
    }
}
