namespace Braid.Crawler.DemoSite;

/// <summary>How the demo site is built: its size and which traps it sets.</summary>
public sealed record DemoSiteOptions
{
    /// <summary>Pages in the generated graph, /page/0 to /page/N-1 (default 2000).</summary>
    public int Pages { get; init; } = 2000;

    /// <summary>The port on 127.0.0.1 (0 picks a free one).</summary>
    public int Port { get; init; }

    /// <summary>
    /// When true (the default) the home page also links to the traps: a redirect, a redirect loop, a 404, a 500 that
    /// succeeds on retry, a 429 with Retry-After, a slow page, a huge page, non-HTML files, malformed HTML, paths that
    /// robots.txt disallows and links out of scope. The benchmark turns them off to measure plain pages.
    /// </summary>
    public bool Traps { get; init; } = true;

    /// <summary>How long /slow takes to answer (default 30 s, beyond any sensible timeout).</summary>
    public TimeSpan SlowDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The size of /huge (default 50 MB).</summary>
    public long HugeBytes { get; init; } = 50_000_000;

    /// <summary>How long each /page/N takes to answer (default none): tests slow the site down to stop a crawl mid-way.</summary>
    public TimeSpan PageDelay { get; init; } = TimeSpan.Zero;

    /// <summary>The Retry-After, in seconds, that /busy sends with its first answer, 429 (default 1).</summary>
    public int RetryAfterSeconds { get; init; } = 1;
}
