using System.Runtime.InteropServices;
using Braid.Crawler;
using Spectre.Console;

namespace Braid.Cli.Commands;

/// <summary>The crawl's live progress line (on a terminal) and its closing summary tables.</summary>
public static class CrawlDisplay
{
    /// <summary>
    /// Runs the crawl on its own thread (its loop's). The first Ctrl-C (or SIGTERM) stops it gracefully: what is in
    /// flight gets <see cref="WebCrawler.StopGrace"/> to finish, the state file keeps the rest. A second Ctrl-C ends
    /// the process at once, which the state file survives too (as it survives SIGKILL).
    /// </summary>
    public static async Task<CrawlSummary> RunAsync(WebCrawler crawler, CancellationToken cancellationToken)
    {
        var stops = 0;
        void Stop(PosixSignalContext context)
        {
            if (Interlocked.Increment(ref stops) > 1) return; // the second one is not cancelled: the process ends
            context.Cancel = true;
            Console.Error.WriteLine("\ncrawl: stopping (Ctrl-C again to quit at once)");
            crawler.RequestStop();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var timer = Console.IsErrorRedirected ? null : new Timer(_ => Show(crawler.Progress), null, 500, 500);
        var summary = await Task.Factory.StartNew(() => crawler.Run(cancellationToken), TaskCreationOptions.LongRunning);
        if (timer is not null)
        {
            await timer.DisposeAsync();
            Console.Error.Write("\r\x1b[K");
        }
        return summary;
    }

    private static void Show(CrawlProgress p) =>
        Console.Error.Write($"\r\x1b[Kcrawl: {p.Pages} pages ({p.PagesPerSecond:0}/s), {p.Errors} errors, {p.Queued} queued, {p.InFlight} in flight, {p.Elapsed.TotalSeconds:0} s");

    public static void PrintSummary(CrawlSummary s, IAnsiConsole console)
    {
        var headline = $"crawl: {s.Pages} pages ({s.PagesThisRun} this run, {s.PagesPerSecond:0} pages/s over {s.Elapsed.TotalSeconds:0.0} s)";
        if (s.Stopped) headline += $"; stopped with {s.Remaining} queued (run again with the same --state to resume)";
        else if (s.Remaining > 0) headline += $"; {s.Remaining} queued beyond --max-pages";
        console.WriteLine(headline);
        console.Write(Counts("status", s.ByStatus));
        console.Write(Counts("host", s.ByHost));
        if (s.ErrorsByKind.Count > 0) console.Write(Counts("error", s.ErrorsByKind));
        console.WriteLine($"links not followed: {s.OutOfScope} out of scope, {s.TooDeep} too deep");
        foreach (var sitemap in s.Sitemaps) console.WriteLine($"sitemap (named by robots.txt): {sitemap}");
    }

    private static Table Counts(string what, IReadOnlyDictionary<string, int> counts)
    {
        var table = new Table().AddColumns(what, "records");
        foreach (var (key, n) in counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)) table.AddRow(Markup.Escape(key), n.ToString());
        return table;
    }
}
