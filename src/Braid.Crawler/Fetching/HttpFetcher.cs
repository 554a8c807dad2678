using System.Net;
using Braid.Crawler.Html;
using Polly;
using Polly.Timeout;

namespace Braid.Crawler.Fetching;

/// <summary>
/// Fetches one URL (one hop: redirects are returned, not followed, so the crawler decides on each hop on its loop)
/// with HttpClient over SocketsHttpHandler: pooled connections, decompression, HTTP/1.1 and HTTP/2 where TLS offers
/// it. It runs as a plain Task off the loop, and parses HTML there too, so two cores parse in parallel while the
/// loop only coordinates.
/// </summary>
internal sealed class HttpFetcher : IDisposable
{
    private readonly HttpClient _client;
    private readonly FetchSettings _settings;
    private readonly ResiliencePipeline<FetchResponse> _pipeline;

    public HttpFetcher(FetchSettings settings, HttpMessageHandler? handler = null)
    {
        _settings = settings;
        handler ??= new SocketsHttpHandler
        {
            AllowAutoRedirect = false, // redirects are hops the crawler records and checks against scope and robots
            AutomaticDecompression = DecompressionMethods.All,
            UseCookies = false,
            MaxConnectionsPerServer = Math.Max(1, settings.PerHost),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = settings.Timeout,
        };
        _client = new HttpClient(handler)
        {
            Timeout = Timeout.InfiniteTimeSpan, // the pipeline times each attempt
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrHigher,
        };
        _client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", settings.UserAgent);
        _client.DefaultRequestHeaders.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5");
        _pipeline = RetryPipeline.Create(settings);
    }

    /// <summary>Fetches <paramref name="url"/>; <paramref name="asText"/> keeps the body as text (robots.txt) instead of parsing it.</summary>
    public async Task<FetchResponse> FetchAsync(Uri url, bool asText, long maxBytes, CancellationToken ct)
    {
        var attempts = 0;
        try
        {
            var response = await _pipeline.ExecuteAsync(async token =>
            {
                attempts++;
                return await AttemptAsync(url, asText, maxBytes, token).ConfigureAwait(false);
            }, ct).ConfigureAwait(false);
            response.Retries = attempts - 1;
            return response;
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or IOException)
        {
            var kind = e is TimeoutRejectedException ? "timeout" : "network";
            var message = e is TimeoutRejectedException ? $"no response within {_settings.Timeout.TotalSeconds:0.###} s" : Innermost(e).Message;
            return new FetchResponse { Error = message, ErrorKind = kind, Retries = attempts - 1 };
        }
    }

    private async Task<FetchResponse> AttemptAsync(Uri url, bool asText, long maxBytes, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        var contentType = response.Content.Headers.ContentType;
        var location = response.Headers.Location is { } l ? new Uri(url, l) : null;
        var isHtml = contentType?.MediaType is "text/html" or "application/xhtml+xml" || (contentType is null && !asText);
        var keep = status is >= 200 and < 300 && (asText || isHtml);
        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var (buffer, length, truncated) = await BodyReader.ReadAsync(stream, maxBytes, keep, response.Content.Headers.ContentLength, ct).ConfigureAwait(false);
        PageLinks? page = keep && !asText ? LinkExtractor.Extract(buffer!, length, url, contentType?.CharSet) : null;
        return new FetchResponse
        {
            Status = status,
            Location = location,
            ContentType = contentType?.MediaType,
            Bytes = length,
            Truncated = truncated,
            Title = page?.Title,
            Links = page?.Links ?? [],
            Text = keep && asText ? System.Text.Encoding.UTF8.GetString(buffer!, 0, length) : null,
            RetryAfter = RetryPipeline.IsTransient(status) ? RetryPipeline.RetryAfter(response) : null,
        };
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }

    public void Dispose() => _client.Dispose();
}
