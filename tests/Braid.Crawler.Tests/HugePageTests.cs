using Braid.Crawler.DemoSite;
using static Braid.Crawler.Tests.CrawlHarness;

namespace Braid.Crawler.Tests;

/// <summary>
/// A response far over --max-bytes costs the limit, not its size. It measures the process's allocations, so it runs
/// with no other test beside it.
/// </summary>
[Collection(nameof(TimingCollection))]
public sealed class HugePageTests
{
    [Fact]
    public async Task A_huge_page_is_cut_at_the_limit_and_never_read_whole()
    {
        const long huge = 500_000_000;
        await using var site = await DemoSite.DemoSite.StartAsync(new DemoSiteOptions { Pages = 1, HugeBytes = huge });
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var (_, records) = await CrawlAsync(Options(site) with { Seeds = [new Uri(site.Url, "/huge")], MaxBytes = 1_000_000 });
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var record = Assert.Single(records);
        Assert.Equal((true, 1_000_000L), (record.Truncated, record.Bytes));
        // The whole process (crawler and server) allocated a small fraction of the page: it was neither buffered nor drained.
        Assert.True(allocated < huge / 10, $"{allocated:N0} bytes allocated for a {huge:N0}-byte page cut at 1 MB");
    }
}
