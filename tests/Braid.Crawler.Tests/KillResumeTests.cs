using System.Diagnostics;
using Braid.Crawler.DemoSite;
using static Braid.Crawler.Tests.CrawlHarness;

namespace Braid.Crawler.Tests;

/// <summary>
/// 'braid crawl --state' killed with SIGKILL mid-way, then resumed: the final records are those of an uninterrupted
/// crawl, each URL once. The pages in flight at the kill were fetched but never recorded, so they (and only they, at
/// most --concurrency of them) are fetched again: never missing a page costs that.
/// </summary>
public sealed class KillResumeTests
{
    private const int Pages = 300;
    private const int Concurrency = 4;

    [Fact]
    public async Task A_crawl_killed_mid_way_resumes_with_every_page_recorded_once()
    {
        await using var site = await DemoSite.DemoSite.StartAsync(new DemoSiteOptions { Pages = Pages, Traps = false, PageDelay = TimeSpan.FromMilliseconds(20) });
        var dir = TempDir();
        var (state, output) = (Path.Combine(dir, "crawl.db"), Path.Combine(dir, "out.jsonl"));

        using (var braid = Process.Start(BraidCrawl(site.Url, state, output))!)
        {
            var waited = Stopwatch.StartNew();
            while (site.Log.Total < 60 && !braid.HasExited && waited.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(10);
            if (braid.HasExited) Assert.Fail($"braid crawl ended before it could be killed: {await braid.StandardError.ReadToEndAsync()}");
            braid.Kill(); // SIGKILL: no handler runs, nothing is flushed
            await braid.WaitForExitAsync();
        }
        var killedAt = site.Log.Requests.Count(r => r.Key.StartsWith("/page/", StringComparison.Ordinal));
        var arrivals = site.Log.Arrivals;
        Assert.True(killedAt is > 10 and < Pages - 10, $"killed after {killedAt} pages; first at {arrivals[0].At.TotalMilliseconds:0} ms, last at {arrivals[^1].At.TotalMilliseconds:0} ms");

        var (summary, _) = await CrawlAsync(Options(site, Concurrency) with { StatePath = state, OutputPath = output, MaxPages = 1000 });
        Assert.Equal(Pages + 1, summary.Pages);
        var urls = File.ReadAllLines(output).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("url").GetString()).ToList();
        Assert.Equal(Pages + 1, urls.Count);
        Assert.Equal(Pages + 1, urls.Distinct().Count());
        var pageRequests = site.Log.Requests.Where(r => r.Key != "/robots.txt").ToList();
        Assert.Equal(Pages + 1, pageRequests.Count);
        Assert.InRange(pageRequests.Count(r => r.Value > 1), 0, Concurrency);
        Assert.All(pageRequests, r => Assert.InRange(r.Value, 1, 2));
    }

    private static ProcessStartInfo BraidCrawl(Uri site, string state, string output)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
        var repository = Path.GetDirectoryName(Braid.Reporting.Bench.Peers.BenchDirectory ?? throw new InvalidOperationException("run from the repository"))!;
        var dll = Path.Combine(repository, "src", "Braid.Cli", "bin", configuration, "net10.0", "braid.dll");
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "crawl", site.ToString(), "--state", state, "--out", output, "--concurrency", $"{Concurrency}", "--per-host", $"{Concurrency}", "--timeout", "2" }) info.ArgumentList.Add(a);
        return info;
    }
}
