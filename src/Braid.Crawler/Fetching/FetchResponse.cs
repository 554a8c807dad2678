namespace Braid.Crawler.Fetching;

/// <summary>
/// One request's outcome after its retries: a status and what was read (up to the size limit), or the error that
/// ended it. Links are found only for a successful HTML page.
/// </summary>
internal sealed record FetchResponse
{
    public int? Status { get; init; }
    public Uri? Location { get; init; }
    public string? ContentType { get; init; }
    public long Bytes { get; init; }
    public bool Truncated { get; init; }
    public string? Title { get; init; }
    public IReadOnlyList<string> Links { get; init; } = [];
    public string? Text { get; init; }
    public TimeSpan? RetryAfter { get; init; }
    public int Retries { get; set; }
    public string? Error { get; init; }
    public string? ErrorKind { get; init; }

    public bool IsRedirect => Status is 301 or 302 or 303 or 307 or 308 && Location is not null;
}
