using System.Text.RegularExpressions;
using Braid.Crawler.Urls;

namespace Braid.Crawler;

/// <summary>Everything a crawl is told: where to start, how far to go, how politely, and where results go.</summary>
public sealed record CrawlOptions
{
    /// <summary>The default User-Agent: it names the crawler, so a site's robots.txt can address it as BraidCrawler.</summary>
    public const string DefaultUserAgent = "BraidCrawler/1.0 (Braid's polite crawler; obeys robots.txt)";

    /// <summary>Where the crawl starts (http or https URLs).</summary>
    public required IReadOnlyList<Uri> Seeds { get; init; }

    /// <summary>Pages to fetch at most (default 1000); URLs skipped by robots.txt do not count.</summary>
    public int MaxPages { get; init; } = 1000;

    /// <summary>Links followed from a seed at most (the seeds are depth 0; default 10).</summary>
    public int MaxDepth { get; init; } = 10;

    /// <summary>Requests in flight at most, over all hosts (default 16).</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Requests in flight at most to one host (default 4).</summary>
    public int PerHost { get; init; } = 4;

    /// <summary>The least time between the starts of two requests to one host (default 0); a larger Crawl-delay wins.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.Zero;

    /// <summary>Which links are followed (default: the seeds' hosts).</summary>
    public ScopeRule Scope { get; init; } = ScopeRule.SameHost;

    /// <summary>The canonical URL prefix for <see cref="ScopeRule.Prefix"/>.</summary>
    public string? ScopePrefix { get; init; }

    /// <summary>When set, only links whose canonical URL matches are followed.</summary>
    public Regex? Include { get; init; }

    /// <summary>When set, links whose canonical URL matches are not followed.</summary>
    public Regex? Exclude { get; init; }

    /// <summary>The JSON Lines file of records (written to a temporary file and renamed into place when the crawl ends).</summary>
    public string? OutputPath { get; init; }

    /// <summary>The SQLite file holding the frontier, the seen set and the records, so a stopped crawl resumes.</summary>
    public string? StatePath { get; init; }

    /// <summary>The User-Agent header; its first token is the name robots.txt groups are matched against.</summary>
    public string UserAgent { get; init; } = DefaultUserAgent;

    /// <summary>The limit on each request attempt (default 10 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Bytes read of one response at most (default 5 MB); a longer body is cut off at the limit.</summary>
    public long MaxBytes { get; init; } = 5_000_000;

    /// <summary>Retries of a request that met 429, 5xx, a timeout or a network failure (default 3).</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The first retry's backoff; each next one doubles, with jitter (default 0.5 s).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest pause a Retry-After header can impose (default 30 s).</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Redirect hops followed from one URL at most (default 10).</summary>
    public int MaxRedirects { get; init; } = 10;

    /// <summary>The product token robots.txt groups are matched against: the User-Agent's first word, before any '/'.</summary>
    public string ProductToken => UserAgent.Split([' ', '/'], 2, StringSplitOptions.RemoveEmptyEntries) is [var token, ..] ? token : "*";
}
