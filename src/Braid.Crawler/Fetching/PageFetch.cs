using System.Diagnostics;
using Braid.Crawler.Frontier;
using Braid.Crawler.Politeness;
using Braid.Crawler.Urls;

namespace Braid.Crawler.Fetching;

/// <summary>A fetched (or skipped) URL on its way to the writer: its record, the links it found and the redirect hops it took.</summary>
internal sealed record FetchOutcome(FrontierEntry Entry, CrawlRecord Record, IReadOnlyList<string> Links, IReadOnlyList<string> Hops);

/// <summary>
/// One URL, start to end, on a fetcher strand: the host's robots.txt (fetched once), a slot of the host, then each
/// hop of the redirect chain with the host's delay before it. Redirects are decided here, on the loop, where the
/// seen set and the rules are: a hop to a URL already seen stops (that URL is or was fetched on its own), a loop or
/// too many hops is an error, a hop out of scope or disallowed is not taken, a hop to another host is handed to the
/// frontier as a link, so that host's own politeness applies.
/// </summary>
internal sealed class PageFetch(CrawlOptions options, HttpFetcher fetcher, HostTable hosts, CrawlScope scope, CrawlFrontier frontier)
{
    public async Coroutine<FetchOutcome> RunAsync(FrontierEntry entry)
    {
        var url = new Uri(entry.Url);
        var gate = hosts.For(url);
        var robots = await gate.RobotsAsync(() => hosts.FetchRobotsAsync(gate, url));
        if (!robots.IsAllowed(HostTable.PathAndQuery(url)))
        {
            var (error, kind) = robots.Source == Robots.RobotsSource.Unreachable
                ? ($"{robots.Reason}; RFC 9309 says to fetch nothing from the host", "robots-unreachable")
                : ("disallowed by robots.txt", "robots");
            return Outcome(entry, new CrawlRecord { Url = entry.Url, Depth = entry.Depth, Referrer = entry.Referrer, Error = error, ErrorKind = kind });
        }
        var hops = new List<string>();
        var retries = 0;
        await gate.Enter();
        var clock = Stopwatch.StartNew(); // the page's own time, not its wait for a slot of its host
        try
        {
            var current = url;
            while (true)
            {
                await gate.WaitTurn();
                var target = current;
                var response = await TaskBridge.Run(ct => fetcher.FetchAsync(target, asText: false, options.MaxBytes, ct));
                retries += response.Retries;
                var (error, kind, next) = response.IsRedirect ? Redirect(entry, current, response.Location!, hops, robots) : (null, null, null);
                if (next is not null)
                {
                    hops.Add(next.AbsoluteUri);
                    current = next;
                    continue;
                }
                var final = response.IsRedirect ? UrlCanonicalizer.Canonicalize(response.Location!) ?? response.Location!.AbsoluteUri : current.AbsoluteUri;
                var record = Record(entry, response, final, hops, retries, clock.ElapsedMilliseconds, error, kind);
                // A redirect handed on (another host, or a URL seen already) leads to its target like a link.
                var links = response.IsRedirect && error is null ? [final] : response.Links;
                return new FetchOutcome(entry, record, links, hops);
            }
        }
        finally
        {
            gate.Leave();
        }
    }

    /// <summary>Whether to take a redirect hop: the next URL, or why not (an error, or none when the target is handed on).</summary>
    private (string? Error, string? Kind, Uri? Next) Redirect(FrontierEntry entry, Uri current, Uri location, List<string> hops, Robots.RobotsRules robots)
    {
        if (UrlCanonicalizer.Canonicalize(location) is not { } canonical) return ($"redirect to an unsupported URL: {location}", "redirect-unsupported", null);
        if (canonical == entry.Url || hops.Contains(canonical)) return ($"redirect loop back to {canonical}", "redirect-loop", null);
        if (hops.Count >= options.MaxRedirects) return ($"more than {options.MaxRedirects} redirects", "too-many-redirects", null);
        var next = new Uri(canonical);
        if (!scope.Allows(next, canonical)) return ($"redirect out of scope to {canonical}", "redirect-out-of-scope", null);
        if (!string.Equals(next.Authority, current.Authority, StringComparison.OrdinalIgnoreCase) || next.Scheme != current.Scheme) return (null, null, null);
        if (!robots.IsAllowed(HostTable.PathAndQuery(next))) return ($"redirect to {canonical}, which robots.txt disallows", "redirect-disallowed", null);
        return frontier.MarkSeen(canonical) ? (null, null, next) : (null, null, null);
    }

    private static CrawlRecord Record(FrontierEntry entry, FetchResponse response, string final, List<string> hops, int retries, long elapsedMs, string? error, string? kind)
    {
        if (error is null && response.Error is not null) (error, kind) = (response.Error, response.ErrorKind);
        if (error is null && response.Status is >= 400 and var s) (error, kind) = ($"HTTP {s}", $"http-{s / 100}xx");
        return new CrawlRecord
        {
            Url = entry.Url,
            FinalUrl = final,
            Status = response.Status,
            Depth = entry.Depth,
            Referrer = entry.Referrer,
            ContentType = response.ContentType,
            Bytes = response.Bytes,
            Truncated = response.Truncated,
            Title = response.Title,
            Links = response.Links.Count,
            ElapsedMs = elapsedMs,
            Retries = retries,
            Redirects = hops,
            Error = error,
            ErrorKind = kind,
        };
    }

    private static FetchOutcome Outcome(FrontierEntry entry, CrawlRecord record) => new(entry, record, [], []);
}
