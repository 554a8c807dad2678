using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Braid.Crawler.Fetching;

/// <summary>
/// Polly's pipeline around one request: each attempt has its own timeout (inside the retry, so a slow attempt is
/// retried, not the whole sequence cut short), and 429, 5xx, timeouts and network failures are retried with
/// exponential backoff and jitter. A Retry-After header (seconds or a date) replaces the backoff, up to a cap, so a
/// server that asks for a pause gets it and a server that asks for an hour does not stall the crawl.
/// </summary>
internal static class RetryPipeline
{
    public static ResiliencePipeline<FetchResponse> Create(FetchSettings settings, TimeProvider? time = null)
    {
        var builder = new ResiliencePipelineBuilder<FetchResponse>();
        if (time is not null) builder.TimeProvider = time;
        if (settings.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<FetchResponse>
            {
                ShouldHandle = new PredicateBuilder<FetchResponse>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .Handle<IOException>()
                    .HandleResult(r => IsTransient(r.Status)),
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                MaxDelay = settings.MaxRetryAfter,
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter is { } wait
                    ? (TimeSpan?)(wait > settings.MaxRetryAfter ? settings.MaxRetryAfter : wait)
                    : null),
            });
        }
        return builder.AddTimeout(settings.Timeout).Build();
    }

    public static bool IsTransient(int? status) => status is (int)HttpStatusCode.TooManyRequests or >= 500;

    /// <summary>The pause a response asks for, from Retry-After as seconds or as a date.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } header) return null;
        if (header.Delta is { } delta) return delta;
        if (header.Date is { } date) return date - DateTimeOffset.UtcNow is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero;
        return null;
    }
}
