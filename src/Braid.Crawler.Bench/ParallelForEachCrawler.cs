using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Braid.Crawler.Html;
using Braid.Crawler.Urls;

namespace Braid.Crawler.Bench;

/// <summary>
/// The baseline: what a .NET developer writes without a crawler library. Breadth first, level by level, each level
/// fetched with Parallel.ForEachAsync over one HttpClient and parsed with the same link extractor as Braid's crawler;
/// a ConcurrentDictionary for the seen set. No robots.txt, no per-host limits, no retries, no state, no output: the
/// least a crawl can do, so the difference from it is what the politeness and bookkeeping cost.
/// </summary>
internal static class ParallelForEachCrawler
{
    public static async Task<(int Pages, TimeSpan Elapsed)> CrawlAsync(Uri start, int maxPages, int maxDepth, int concurrency, CancellationToken ct)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = true, AutomaticDecompression = DecompressionMethods.All, MaxConnectionsPerServer = concurrency });
        var seen = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var seed = UrlCanonicalizer.Canonicalize(start)!;
        seen[seed] = true;
        var level = new List<string> { seed };
        var pages = 0;
        var clock = Stopwatch.StartNew();
        for (var depth = 0; level.Count > 0 && depth <= maxDepth && pages < maxPages; depth++)
        {
            var next = new ConcurrentBag<string>();
            var take = level.Take(maxPages - pages).ToList();
            await Parallel.ForEachAsync(take, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, async (url, token) =>
            {
                var uri = new Uri(url);
                var body = await client.GetByteArrayAsync(uri, token);
                foreach (var link in LinkExtractor.Extract(body, body.Length, uri, null).Links)
                {
                    if (new Uri(link).Authority == uri.Authority && seen.TryAdd(link, true)) next.Add(link);
                }
            });
            pages += take.Count;
            level = next.ToList();
        }
        return (pages, clock.Elapsed);
    }
}
