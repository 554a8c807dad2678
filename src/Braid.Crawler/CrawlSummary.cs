namespace Braid.Crawler;

/// <summary>How a crawl went: totals over every run of a resumed crawl, and this run's rate.</summary>
public sealed record CrawlSummary
{
    /// <summary>Pages fetched (records of URLs that were requested).</summary>
    public int Pages { get; init; }

    /// <summary>Pages fetched by this run.</summary>
    public int PagesThisRun { get; init; }

    /// <summary>This run's time.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>This run's pages per second.</summary>
    public double PagesPerSecond => Elapsed > TimeSpan.Zero ? PagesThisRun / Elapsed.TotalSeconds : 0;

    /// <summary>Records by final status ("200", "404", or "none" when no response came).</summary>
    public IReadOnlyDictionary<string, int> ByStatus { get; init; } = new Dictionary<string, int>();

    /// <summary>Records by host (host and port).</summary>
    public IReadOnlyDictionary<string, int> ByHost { get; init; } = new Dictionary<string, int>();

    /// <summary>Records with an error, by kind (robots for URLs robots.txt disallows).</summary>
    public IReadOnlyDictionary<string, int> ErrorsByKind { get; init; } = new Dictionary<string, int>();

    /// <summary>Links not followed because they were out of scope or excluded.</summary>
    public int OutOfScope { get; init; }

    /// <summary>Links not followed because they were deeper than the depth limit.</summary>
    public int TooDeep { get; init; }

    /// <summary>URLs still queued when the crawl ended (the page limit or a stop); a resumed crawl takes them up.</summary>
    public int Remaining { get; init; }

    /// <summary>True when the crawl was stopped before it ran out of work or reached its page limit.</summary>
    public bool Stopped { get; init; }

    /// <summary>The sitemaps the hosts' robots.txt files name.</summary>
    public IReadOnlyList<string> Sitemaps { get; init; } = [];

    /// <summary>This run's fetched pages as (seconds since start, status or null), in the order they finished.</summary>
    public IReadOnlyList<(double Seconds, int? Status)> Timeline { get; init; } = [];
}
