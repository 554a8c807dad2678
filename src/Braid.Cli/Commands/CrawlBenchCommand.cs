using System.CommandLine;
using Braid.Cli.Progress;
using Braid.Reporting.Bench;
using Braid.Crawler.Bench;
using Spectre.Console;

namespace Braid.Cli.Commands;

/// <summary><c>braid bench crawl</c>: pages/s on the demo site for Braid's crawler, a Parallel.ForEachAsync crawler and Scrapy.</summary>
public static class CrawlBenchCommand
{
    public static Command Create()
    {
        var pages = CommonOptions.Count("--pages", 2000, 1, 1_000_000, "Pages of the generated site.");
        var concurrency = CommonOptions.Count("--concurrency", 16, 1, 10_000, "Requests in flight, for every crawler.");
        var repeats = CommonOptions.Count("--repeats", 2, 1, 1000, "Runs of each crawler; the best is kept.");
        var noPeers = new Option<bool>("--no-peers") { Description = "Skip Scrapy." };
        var json = CommonOptions.Json();
        var command = new Command("crawl", "Crawl the local demo site (zero delay): Braid's crawler against HttpClient + Parallel.ForEachAsync and Scrapy.")
        {
            pages, concurrency, repeats, noPeers, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var results = await ProgressDisplay.RunAsync("bench crawl", progress => CrawlBench.RunAsync(parse.GetValue(pages), parse.GetValue(concurrency),
                parse.GetValue(repeats), !parse.GetValue(noPeers), progress.Report, cancellationToken));
            results.Print(Cli.Out);
            if (parse.GetValue(json) is { } file) results.WriteJson(file.FullName);
            return 0;
        });
        return command;
    }
}
