namespace Braid.Crawler.Robots;

/// <summary>Where a host's rules came from: they decide what an unavailable or unreachable robots.txt means.</summary>
internal enum RobotsSource
{
    /// <summary>A robots.txt that was fetched and parsed.</summary>
    Parsed,

    /// <summary>Missing or 4xx: RFC 9309 says crawl as if there were no rules.</summary>
    Unavailable,

    /// <summary>5xx or a network failure: RFC 9309 says assume complete disallow.</summary>
    Unreachable,
}

/// <summary>The rules for one host: the longest matching pattern decides, Allow winning a tie (RFC 9309 2.2.2).</summary>
internal sealed class RobotsRules(IReadOnlyList<RobotsPattern> rules, TimeSpan? crawlDelay, IReadOnlyList<string> sitemaps, RobotsSource source, string? reason = null)
{
    public static RobotsRules AllowAll { get; } = new([], null, [], RobotsSource.Unavailable);

    public static RobotsRules DisallowAll { get; } = Unreachable("robots.txt could not be fetched");

    /// <summary>Complete disallow, saying why robots.txt could not be had (shown in each skipped URL's record).</summary>
    public static RobotsRules Unreachable(string reason) => new([new RobotsPattern("/", Allow: false)], null, [], RobotsSource.Unreachable, reason);

    public string? Reason => reason;

    public TimeSpan? CrawlDelay => crawlDelay;

    public IReadOnlyList<string> Sitemaps => sitemaps;

    public RobotsSource Source => source;

    /// <summary>True when <paramref name="pathAndQuery"/> (percent-encoding normalised) may be fetched.</summary>
    public bool IsAllowed(string pathAndQuery)
    {
        if (pathAndQuery == "/robots.txt") return true; // implicitly allowed, always
        RobotsPattern? best = null;
        foreach (var rule in rules)
        {
            if (!rule.Matches(pathAndQuery)) continue;
            if (best is null || rule.Length > best.Length || (rule.Length == best.Length && rule.Allow)) best = rule;
        }
        return best?.Allow ?? true;
    }
}
