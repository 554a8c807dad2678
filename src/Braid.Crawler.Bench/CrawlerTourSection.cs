using Braid.Crawler.DemoSite;
using Braid.Reporting;
using Braid.Reporting.Tour;

namespace Braid.Crawler.Bench;

/// <summary>The tour's crawler section: a short crawl of the demo site, its summary, and its pages over time by status.</summary>
public sealed class CrawlerTourSection : ITourSection
{
    /// <inheritdoc />
    public string Id => "crawler";

    /// <inheritdoc />
    public string Title => "An async web crawler on Braid's loop";

    /// <inheritdoc />
    public async Task<Section> RunAsync(TourContext context, CancellationToken cancellationToken)
    {
        var pages = context.Quick ? 300 : 1500;
        context.Progress.Report($"crawling the demo site ({pages:N0} pages and its traps)");
        await using var site = await DemoSite.DemoSite.StartAsync(new DemoSiteOptions { Pages = pages, HugeBytes = 20_000_000 });
        var options = new CrawlOptions
        {
            Seeds = [site.Url], MaxPages = pages + 50, Concurrency = 16, PerHost = 8,
            Timeout = TimeSpan.FromSeconds(1), MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(100), MaxBytes = 1_000_000,
        };
        var summary = await Task.Factory.StartNew(() => new WebCrawler(options).Run(cancellationToken), TaskCreationOptions.LongRunning);

        var section = new Section(Title).Text(
            "`braid crawl` on the demo site (Kestrel on 127.0.0.1, with its traps: robots.txt rules, a redirect and a redirect loop, " +
            "a 404, a 500 that succeeds on retry, a 429 with Retry-After, a slow page, a huge page, non-HTML files, malformed HTML). " +
            "One task group holds the frontier's dispatcher, 16 fetcher strands fed by a rendezvous channel, and the writer strand; " +
            "per-host slots are CapacityLimiters.");
        section.Headline("crawler pages/s", $"{summary.PagesPerSecond:0}");
        section.Text($"{summary.Pages} pages in {summary.Elapsed.TotalSeconds:0.0} s ({summary.PagesPerSecond:0} pages/s, slow and retried pages included); " +
                     $"{summary.OutOfScope} links out of scope, {summary.TooDeep} too deep.");
        section.Table(["status", "records"], summary.ByStatus.OrderByDescending(p => p.Value).Select(p => (IReadOnlyList<string>)[p.Key, p.Value.ToString()]));
        section.Table(["error", "records"], summary.ErrorsByKind.OrderByDescending(p => p.Value).Select(p => (IReadOnlyList<string>)[p.Key, p.Value.ToString()]));

        var series = summary.Timeline.GroupBy(t => t.Status is { } s ? $"{s / 100}xx" : "no response").OrderBy(g => g.Key).Select(g =>
        {
            var times = g.Select(t => t.Seconds).Order().ToList();
            return new Series(g.Key, times, Enumerable.Range(1, times.Count).Select(i => (double)i).ToList());
        });
        var png = Charts.Lines(context.PlotPath(Id, "pages-over-time"), "Pages recorded over time, by status", "seconds", "pages (cumulative)", series, fromZero: true);
        section.Figure(png, "Pages over time by status class: the 2xx line is the crawl; the stragglers at the end are the slow page's timeouts.");
        return section;
    }
}
