using Microsoft.Extensions.Hosting;

namespace Braid.Crawler.DemoSite;

/// <summary>
/// The site's host ignores Ctrl-C and SIGTERM: ASP.NET Core's console lifetime would take them over, so a crawl or
/// benchmark serving the site in its own process could no longer be stopped by its own rules. Whoever starts the
/// site stops it, by disposing it.
/// </summary>
internal sealed class NoLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
