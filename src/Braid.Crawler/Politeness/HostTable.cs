using Braid.Crawler.Fetching;
using Braid.Crawler.Robots;

namespace Braid.Crawler.Politeness;

/// <summary>The crawl's hosts, each with its gate, made on first sight.</summary>
internal sealed class HostTable(CrawlOptions options, HttpFetcher fetcher)
{
    private readonly Dictionary<string, HostGate> _gates = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<HostGate> Gates => _gates.Values;

    public HostGate For(Uri url)
    {
        var key = $"{url.Scheme}://{url.Authority}";
        if (!_gates.TryGetValue(key, out var gate)) _gates[key] = gate = new HostGate(key, options.PerHost, options.Delay);
        return gate;
    }

    /// <summary>Fetches the host's robots.txt under the host's own politeness: one of its slots, and its delay.</summary>
    public async Coroutine<RobotsRules> FetchRobotsAsync(HostGate gate, Uri site)
    {
        await gate.Enter();
        try
        {
            return await RobotsFetcher.FetchAsync(site, options.ProductToken, async (url, maxBytes, asText) =>
            {
                await gate.WaitTurn();
                return await TaskBridge.Run(ct => fetcher.FetchAsync(url, asText, maxBytes, ct));
            });
        }
        finally
        {
            gate.Leave();
        }
    }

    /// <summary>The part of a URL robots.txt rules match: the path and query, percent-encoding normalised.</summary>
    public static string PathAndQuery(Uri url) => Urls.UrlCanonicalizer.NormalizeEscapes(url.PathAndQuery);
}
