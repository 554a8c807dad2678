using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Braid.Crawler.DemoSite;

/// <summary>
/// A seeded site for crawlers, served by Kestrel on 127.0.0.1 only: the generated page graph of <see cref="DemoGraph"/>,
/// robots.txt with rules, a sitemap and (with <see cref="DemoSiteOptions.Traps"/>) every trap of the crawler's tests.
/// One handler switches on the path: routing would cost more than the pages at thousands of requests a second.
/// </summary>
public sealed class DemoSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DemoSiteOptions _options;
    private readonly byte[] _hugeChunk = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("<p>filler filler filler filler</p>\n", 512)));

    private DemoSite(WebApplication app, DemoSiteOptions options)
    {
        _app = app;
        _options = options;
    }

    /// <summary>The site's root, http://127.0.0.1:PORT/.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>What the site has served.</summary>
    public DemoSiteLog Log { get; } = new();

    /// <summary>The options the site was started with.</summary>
    public DemoSiteOptions Options => _options;

    /// <summary>Starts a site; dispose it to stop.</summary>
    public static async Task<DemoSite> StartAsync(DemoSiteOptions? options = null)
    {
        options ??= new DemoSiteOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, NoLifetime>();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port);
            k.AddServerHeader = false;
        });
        var app = builder.Build();
        var site = new DemoSite(app, options);
        app.Run(site.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        site.Url = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        return site;
    }

    /// <summary>Stops the site.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var seen = Log.Begin(path + context.Request.QueryString.Value);
        try
        {
            await ServeAsync(context, path, seen);
        }
        catch (OperationCanceledException)
        {
            // the client went away (a timeout, a body cut off at its limit): nothing to answer
        }
        finally
        {
            Log.End();
        }
    }

    private async Task ServeAsync(HttpContext context, string path, int seen)
    {
        if (_options.PageDelay > TimeSpan.Zero && path.StartsWith("/page/", StringComparison.Ordinal)) await Task.Delay(_options.PageDelay, context.RequestAborted);
        await Answer(context, path, seen);
    }

    private Task Answer(HttpContext context, string path, int seen)
    {
        var origin = Url.GetLeftPart(UriPartial.Authority);
        var response = context.Response;
        if (path.StartsWith("/page/", StringComparison.Ordinal) && int.TryParse(path.AsSpan(6), out var page) && page >= 0 && page < _options.Pages)
        {
            return Html(response, DemoPages.Page(origin, page, _options.Pages));
        }
        switch (path)
        {
            case "/":
                return Html(response, DemoPages.Home(origin, _options.Traps));
            case "/robots.txt":
                return Text(response, "text/plain", DemoPages.Robots(origin, _options.Traps));
            case "/sitemap.xml":
                return Text(response, "application/xml", DemoPages.Sitemap(origin, _options.Pages));
        }
        if (!_options.Traps) return NotFound(response);
        switch (path)
        {
            case "/loop/a":
                return Redirect(response, 302, "/loop/b");
            case "/loop/b":
                return Redirect(response, 302, "/loop/a");
            case "/flaky":
                return seen == 1 ? Status(response, 500) : Html(response, DemoPages.Simple("Flaky", "Second time lucky."));
            case "/busy":
                if (seen > 1) return Html(response, DemoPages.Simple("Busy", "Served after waiting as asked."));
                response.Headers.RetryAfter = _options.RetryAfterSeconds.ToString();
                return Status(response, 429);
            case "/slow":
                return SlowAsync(context);
            case "/huge":
                return HugeAsync(context);
            case "/files/data.csv":
                return Text(response, "text/csv", "a,b\n1,2\n");
            case "/files/report.pdf" or "/private/secret":
                return Text(response, "application/octet-stream", "robots.txt forbids this; a crawler that fetched it is wrong");
            case "/private/open":
                return Html(response, DemoPages.Simple("Open", "Allowed by the longer Allow rule."));
            case "/malformed":
                return Html(response, DemoPages.Malformed());
            case "/base/target":
                return Html(response, DemoPages.Simple("Base", "Reached through base href."));
        }
        if (path.StartsWith("/redirect/", StringComparison.Ordinal)) return Redirect(response, 301, "/page/" + path[10..]);
        return NotFound(response);
    }

    private async Task SlowAsync(HttpContext context)
    {
        await Task.Delay(_options.SlowDelay, context.RequestAborted);
        await Html(context.Response, DemoPages.Simple("Slow", "Too late."));
    }

    // Streamed, never built whole: the site must not need the memory it tests the crawler for.
    private async Task HugeAsync(HttpContext context)
    {
        context.Response.ContentType = "text/html";
        context.Response.ContentLength = _options.HugeBytes;
        for (long sent = 0; sent < _options.HugeBytes; sent += _hugeChunk.Length)
        {
            var n = (int)Math.Min(_hugeChunk.Length, _options.HugeBytes - sent);
            await context.Response.Body.WriteAsync(_hugeChunk.AsMemory(0, n), context.RequestAborted);
        }
    }

    private static Task Html(HttpResponse response, string html) => Text(response, "text/html; charset=utf-8", html);

    private static Task Text(HttpResponse response, string contentType, string text)
    {
        response.ContentType = contentType;
        return response.WriteAsync(text);
    }

    private static Task Redirect(HttpResponse response, int status, string location)
    {
        response.StatusCode = status;
        response.Headers.Location = location;
        return Task.CompletedTask;
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static Task NotFound(HttpResponse response) => Status(response, 404);
}
