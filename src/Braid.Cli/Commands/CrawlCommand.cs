using System.CommandLine;
using System.Text.RegularExpressions;
using Braid.Crawler;
using Braid.Crawler.DemoSite;
using Braid.Crawler.Urls;
using Braid.MapReduce.Generators;

namespace Braid.Cli.Commands;

/// <summary><c>braid crawl URL... [options]</c>: a polite, resumable crawl; <c>--demo</c> crawls the built-in demo site.</summary>
public static class CrawlCommand
{
    public static Command Create()
    {
        var urls = new Argument<string[]>("URL") { Description = "Where to start (http or https).", Arity = ArgumentArity.ZeroOrMore };
        var defaults = new CrawlOptions { Seeds = [] };
        var maxPages = CommonOptions.Count("--max-pages", defaults.MaxPages, 1, 100_000_000, "Pages to fetch at most.", "N");
        var maxDepth = CommonOptions.Count("--max-depth", defaults.MaxDepth, 0, 10_000, "Links to follow from a seed at most.", "D");
        var concurrency = CommonOptions.Count("--concurrency", defaults.Concurrency, 1, 10_000, "Requests in flight at most.", "C");
        var perHost = CommonOptions.Count("--per-host", defaults.PerHost, 1, 1_000, "Requests in flight to one host at most.", "P");
        var delay = CommonOptions.Count("--delay", 0, 0, 3_600_000, "Milliseconds between request starts to one host (a larger robots.txt Crawl-delay wins).", "MS");
        var scope = new Option<string>("--scope") { Description = "Links to follow: same-host, same-domain, or prefix:URL.", DefaultValueFactory = _ => "same-host", HelpName = "same-host|same-domain|prefix:URL" };
        var include = new Option<string?>("--include") { Description = "Follow only links whose canonical URL matches.", HelpName = "REGEX" };
        var exclude = new Option<string?>("--exclude") { Description = "Do not follow links whose canonical URL matches.", HelpName = "REGEX" };
        var output = new Option<string?>("--out") { Description = "Write one JSON line per URL here (renamed into place at the end).", HelpName = "FILE.jsonl" };
        var state = new Option<string?>("--state") { Description = "Keep the frontier and seen set in this SQLite file; run again to resume.", HelpName = "FILE.db" };
        var userAgent = new Option<string>("--user-agent") { Description = "The User-Agent; its first word is matched against robots.txt.", DefaultValueFactory = _ => CrawlOptions.DefaultUserAgent, HelpName = "UA" };
        var timeout = CommonOptions.Seconds("--timeout", defaults.Timeout.TotalSeconds, 0.001, 3600, null, "Seconds per request attempt.");
        var maxBytes = new Option<string>("--max-bytes") { Description = "Bytes read of a response at most; longer ones are cut off.", DefaultValueFactory = _ => "5MB", HelpName = "SIZE" };
        var demo = new Option<bool>("--demo") { Description = "Crawl the built-in demo site (started on 127.0.0.1 for the crawl)." };
        var command = new Command("crawl", "Crawl web sites politely (robots.txt, per-host limits), resumably, into JSON Lines.")
        {
            urls, maxPages, maxDepth, concurrency, perHost, delay, scope, include, exclude, output, state, userAgent, timeout, maxBytes, demo,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var seeds = parse.GetValue(urls) ?? [];
            var isDemo = parse.GetValue(demo);
            if (isDemo == (seeds.Length > 0)) throw new UsageException(isDemo ? "give URLs or --demo, not both" : "give at least one URL to crawl (or --demo)");
            if (!ByteSize.TryParse(parse.GetValue(maxBytes)!, out var bytes) || bytes < 1) throw new UsageException($"--max-bytes: '{parse.GetValue(maxBytes)}' is not a size (like 5MB)");
            var (rule, prefix) = Scope(parse.GetValue(scope)!);
            var outPath = parse.GetValue(output);
            if (outPath is not null && Path.GetDirectoryName(Path.GetFullPath(outPath)) is { } dir && !Directory.Exists(dir)) throw new UsageException($"--out: no such directory: {dir}");
            await using var site = isDemo ? await DemoSite.StartAsync(new DemoSiteOptions { Pages = 500 }) : null;
            var options = new CrawlOptions
            {
                Seeds = site is not null ? [site.Url] : seeds.Select(Seed).ToList(),
                MaxPages = parse.GetValue(maxPages),
                MaxDepth = parse.GetValue(maxDepth),
                Concurrency = parse.GetValue(concurrency),
                PerHost = parse.GetValue(perHost),
                Delay = TimeSpan.FromMilliseconds(parse.GetValue(delay)),
                Scope = rule,
                ScopePrefix = prefix,
                Include = Pattern("--include", parse.GetValue(include)),
                Exclude = Pattern("--exclude", parse.GetValue(exclude)),
                OutputPath = outPath,
                StatePath = parse.GetValue(state),
                UserAgent = parse.GetValue(userAgent)!,
                Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                MaxBytes = bytes,
            };
            try
            {
                string? firstError = null;
                var crawler = new WebCrawler(options) { RecordWritten = r => firstError ??= r.Error };
                var summary = await CrawlDisplay.RunAsync(crawler, cancellationToken);
                if (Unreachable(summary)) return Fail($"cannot crawl {string.Join(", ", options.Seeds)}: {firstError}");
                CrawlDisplay.PrintSummary(summary, Cli.Out);
                return summary.Stopped ? 130 : 0; // stopped by Ctrl-C: the shell's code for an interrupted command
            }
            catch (CrawlInputException e)
            {
                throw new UsageException(e.Message);
            }
        });
        return command;
    }

    private static Uri Seed(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && UrlCanonicalizer.Canonicalize(uri) is not null
            ? uri
            : throw new UsageException($"'{text}' is not an http or https URL");

    private static (ScopeRule, string?) Scope(string text) => text switch
    {
        "same-host" => (ScopeRule.SameHost, null),
        "same-domain" => (ScopeRule.SameDomain, null),
        _ when text.StartsWith("prefix:", StringComparison.Ordinal) && UrlCanonicalizer.Canonicalize(text[7..]) is { } p => (ScopeRule.Prefix, p),
        _ => throw new UsageException($"--scope: '{text}' is not same-host, same-domain or prefix:URL (an http or https URL)"),
    };

    private static Regex? Pattern(string option, string? text)
    {
        if (text is null) return null;
        try
        {
            return new Regex(text, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"{option}: '{text}' is not a regular expression: {e.Message}");
        }
    }

    // Nothing could be fetched because no seed's host answered: say so, rather than print an empty summary and succeed.
    private static bool Unreachable(CrawlSummary summary) =>
        (summary.PagesThisRun > 0 && summary.ByStatus.Keys.All(k => k == "none")) || (summary.Pages == 0 && summary.ErrorsByKind.ContainsKey("robots-unreachable"));

    private static int Fail(string why)
    {
        Console.Error.WriteLine($"braid: {why}");
        return Cli.Failure;
    }
}
