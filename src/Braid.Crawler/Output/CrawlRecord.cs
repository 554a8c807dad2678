namespace Braid.Crawler;

/// <summary>What the crawl learned about one URL: one line of the JSON Lines output.</summary>
public sealed record CrawlRecord
{
    /// <summary>The canonical URL that was queued.</summary>
    public required string Url { get; init; }

    /// <summary>Where the redirects (if any) ended.</summary>
    public string? FinalUrl { get; init; }

    /// <summary>The final HTTP status; null when no response came (a timeout, a network failure, a skip).</summary>
    public int? Status { get; init; }

    /// <summary>Links followed from a seed to reach this URL.</summary>
    public int Depth { get; init; }

    /// <summary>The page that linked here (null for a seed).</summary>
    public string? Referrer { get; init; }

    /// <summary>The media type of the final response.</summary>
    public string? ContentType { get; init; }

    /// <summary>Body bytes read (at most the size limit).</summary>
    public long Bytes { get; init; }

    /// <summary>True when the body was longer than the size limit and was cut off at it.</summary>
    public bool Truncated { get; init; }

    /// <summary>The HTML title.</summary>
    public string? Title { get; init; }

    /// <summary>How many distinct links the page has (followed or not).</summary>
    public int Links { get; init; }

    /// <summary>Time from the first request to the last byte, over every hop and retry.</summary>
    public long ElapsedMs { get; init; }

    /// <summary>Retries over every hop.</summary>
    public int Retries { get; init; }

    /// <summary>The redirect hops followed, in order (empty when there were none).</summary>
    public IReadOnlyList<string> Redirects { get; init; } = [];

    /// <summary>What went wrong, if anything.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// The kind of error, for the summary: timeout, network, http-4xx, http-5xx, redirect-loop, too-many-redirects,
    /// redirect-out-of-scope, redirect-disallowed, robots (disallowed, not fetched) or robots-unreachable (robots.txt
    /// could not be fetched, so nothing on the host is).
    /// </summary>
    public string? ErrorKind { get; init; }

    /// <summary>True when the URL was fetched (false for a URL robots.txt disallows, which is recorded but not fetched).</summary>
    public bool Fetched => ErrorKind is not ("robots" or "robots-unreachable");
}
