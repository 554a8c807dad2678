namespace Braid.Crawler.Fetching;

/// <summary>What every request of a crawl shares: identity, limits and the retry policy.</summary>
internal sealed record FetchSettings(string UserAgent, TimeSpan Timeout, long MaxBytes, int MaxRetries, TimeSpan RetryBaseDelay, TimeSpan MaxRetryAfter, int PerHost);
