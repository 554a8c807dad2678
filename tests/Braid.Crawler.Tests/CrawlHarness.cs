using System.Collections.Concurrent;
using Braid.Crawler.DemoSite;

namespace Braid.Crawler.Tests;

/// <summary>Runs crawls against demo sites on 127.0.0.1, each crawl on its own thread (its loop's), and collects its records.</summary>
internal static class CrawlHarness
{
    public static async Task<(CrawlSummary Summary, List<CrawlRecord> Records)> CrawlAsync(CrawlOptions options, Action<WebCrawler, CrawlRecord>? onRecord = null)
    {
        var records = new ConcurrentQueue<CrawlRecord>();
        WebCrawler? crawler = null;
        crawler = new WebCrawler(options)
        {
            RecordWritten = r =>
            {
                records.Enqueue(r);
                onRecord?.Invoke(crawler!, r);
            },
        };
        var summary = await Task.Factory.StartNew(() => crawler.Run(), TaskCreationOptions.LongRunning);
        return (summary, records.ToList());
    }

    /// <summary>Options for a fast test crawl of <paramref name="site"/>: short timeouts and backoff, generous limits otherwise.</summary>
    public static CrawlOptions Options(DemoSite.DemoSite site, int concurrency = 8) => new()
    {
        Seeds = [site.Url],
        MaxPages = 10_000,
        MaxDepth = 100,
        Concurrency = concurrency,
        PerHost = concurrency,
        Timeout = TimeSpan.FromSeconds(2), // generous: the tests share two cores with builds
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        MaxRetries = 1,
        MaxBytes = 100_000,
    };

    public static string PathOf(string url) => new Uri(url).PathAndQuery;

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "braid-crawler-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
