using System.Globalization;
using System.Text.Json;
using Braid.Crawler.DemoSite;
using Braid.Reporting.Bench;

namespace Braid.Crawler.Bench;

/// <summary>
/// <c>braid bench crawl</c>: pages per second on the demo site (no traps, zero delay), served by Kestrel in this
/// process on 127.0.0.1, for Braid's crawler, a plain HttpClient + Parallel.ForEachAsync crawler and Scrapy, in one
/// run with the same site, limits and concurrency. Each crawler runs <c>repeats</c> times and keeps its best.
/// </summary>
public static class CrawlBench
{
    /// <summary>Runs the benchmark on a site of <paramref name="pages"/> pages with <paramref name="concurrency"/> requests in flight.</summary>
    public static async Task<BenchResults> RunAsync(int pages, int concurrency, int repeats, bool peers, Action<string>? progress, CancellationToken ct)
    {
        var results = new BenchResults("crawl");
        results.Machine["site"] = $"{pages} pages + home, demo site on 127.0.0.1 (Kestrel, same process), concurrency {concurrency}, delay 0";
        await using var site = await DemoSite.DemoSite.StartAsync(new DemoSiteOptions { Pages = pages, Traps = false });
        var dir = Directory.CreateTempSubdirectory("braid-bench-crawl").FullName;
        var maxPages = pages + 1;
        const int maxDepth = 1000;

        // Both .NET crawlers run once untimed on a small site first: whichever ran first would otherwise pay for JIT
        // compilation (of the crawler, HttpClient, AngleSharp and Kestrel) in its first timed run.
        progress?.Invoke("warming up");
        await using (var warm = await DemoSite.DemoSite.StartAsync(new DemoSiteOptions { Pages = 200, Traps = false }))
        {
            var options = new CrawlOptions { Seeds = [warm.Url], MaxPages = 201, Concurrency = concurrency, PerHost = concurrency, OutputPath = Path.Combine(dir, "warm.jsonl") };
            await Task.Factory.StartNew(() => new WebCrawler(options).Run(ct), TaskCreationOptions.LongRunning);
            await ParallelForEachCrawler.CrawlAsync(warm.Url, 201, maxDepth, concurrency, ct);
        }

        var braid = await Best(repeats, "braid", progress, async () =>
        {
            var options = new CrawlOptions
            {
                Seeds = [site.Url], MaxPages = maxPages, MaxDepth = maxDepth, Concurrency = concurrency, PerHost = concurrency,
                OutputPath = Path.Combine(dir, "braid.jsonl"),
            };
            var summary = await Task.Factory.StartNew(() => new WebCrawler(options).Run(ct), TaskCreationOptions.LongRunning);
            return (summary.Pages, summary.Elapsed.TotalSeconds);
        });
        Add(results, "Braid crawler (robots, per-host limits, JSONL)", braid);

        var plain = await Best(repeats, "HttpClient + Parallel.ForEachAsync", progress, async () =>
        {
            var (n, elapsed) = await ParallelForEachCrawler.CrawlAsync(site.Url, maxPages, maxDepth, concurrency, ct);
            return (n, elapsed.TotalSeconds);
        });
        Add(results, "HttpClient + Parallel.ForEachAsync (no politeness, no output)", plain);

        (int, double)? scrapy = null;
        if (!peers) results.Notes.Add("scrapy: skipped (--no-peers)");
        else if (Peers.BenchDirectory is not { } bench) results.Notes.Add("scrapy: bench/ not found (run from the repository)");
        else if (!ScrapyInstalled(progress, out var why) || Peers.DebianPython is not { } python) results.Notes.Add($"scrapy: not installed ({why})");
        else
        {
            var script = Path.Combine(bench, "crawl", "scrapy_spider.py");
            scrapy = await Best(repeats, "scrapy", progress, () =>
            {
                var run = Peers.Run(python, [script, site.Url.ToString(), maxPages.ToString(CultureInfo.InvariantCulture), maxDepth.ToString(CultureInfo.InvariantCulture),
                    concurrency.ToString(CultureInfo.InvariantCulture), Path.Combine(dir, "scrapy.jsonl")], TimeSpan.FromMinutes(10));
                if (!run.Ran) throw new InvalidOperationException($"scrapy: {run.Error}");
                var figures = JsonDocument.Parse(run.Output.Trim().Split('\n')[^1]).RootElement;
                return Task.FromResult((figures.GetProperty("pages").GetInt32(), figures.GetProperty("seconds").GetDouble()));
            });
            Add(results, "Scrapy " + ScrapyVersion(python) + " (robots, JSONL)", scrapy.Value);
        }

        var braidRate = braid.Pages / braid.Seconds;
        if (scrapy is { } s) results.AddRatio("braid / scrapy pages/s", braidRate / (s.Item1 / s.Item2), 3, "Braid's crawler against Scrapy on the same site and limits");
        results.AddRatio("braid / Parallel.ForEachAsync pages/s", braidRate / (plain.Pages / plain.Seconds), null, "what robots.txt, per-host limits, bookkeeping and JSONL cost (or save)");
        if (braid.Pages != maxPages) results.Notes.Add($"braid fetched {braid.Pages} pages, not {maxPages}");
        Directory.Delete(dir, recursive: true);
        return results;
    }

    private static async Task<(int Pages, double Seconds)> Best(int repeats, string name, Action<string>? progress, Func<Task<(int, double)>> run)
    {
        (int Pages, double Seconds) best = (0, double.MaxValue);
        for (var i = 0; i < repeats; i++)
        {
            progress?.Invoke($"{name} ({i + 1}/{repeats})");
            var (pages, seconds) = await run();
            if (seconds < best.Seconds) best = (pages, seconds);
        }
        return best;
    }

    private static void Add(BenchResults results, string subject, (int Pages, double Seconds) figure)
    {
        results.Add("pages/s", subject, figure.Pages / figure.Seconds, "pages/s");
        results.Add("pages", subject, figure.Pages, "pages");
    }

    // Scrapy comes from Debian's python3-scrapy; bench/install-peers.sh installs it (and the other peers) when missing.
    private static bool ScrapyInstalled(Action<string>? progress, out string why)
    {
        why = "";
        if (Peers.PythonHas("scrapy")) return true;
        progress?.Invoke("installing peers with bench/install-peers.sh");
        if (!Peers.Install(out why)) return false;
        why = "bench/install-peers.sh ran, yet python3 cannot import scrapy";
        return Peers.PythonHas("scrapy");
    }

    private static string ScrapyVersion(string python)
    {
        var run = Peers.Run(python, ["-c", "import scrapy; print(scrapy.__version__)"], TimeSpan.FromSeconds(30));
        return run.Ran ? run.Output.Trim() : "";
    }
}
