using Braid.Crawler.Fetching;
using Braid.Crawler.Robots;

namespace Braid.Crawler.Politeness;

/// <summary>
/// Fetches a host's robots.txt and turns the outcome into rules as RFC 9309 section 2.3.1 says: a 2xx body is parsed
/// (up to 500 KiB); up to five redirects are followed; 4xx means no rules (429 excepted, a request to slow down, read
/// like 5xx); 5xx, a network failure or a timeout means complete disallow.
/// </summary>
internal static class RobotsFetcher
{
    private const int MaxRedirects = 5;

    public static async Coroutine<RobotsRules> FetchAsync(Uri site, string productToken, Func<Uri, long, bool, Coroutine<FetchResponse>> fetch)
    {
        var url = new Uri(site, "/robots.txt");
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            var response = await fetch(url, RobotsParser.MaxBytes, true);
            switch (response.Status)
            {
                case null:
                    return RobotsRules.Unreachable($"robots.txt unreachable ({response.Error})");
                case 429:
                case >= 500:
                    return RobotsRules.Unreachable($"robots.txt answered HTTP {response.Status}");
                case >= 200 and < 300:
                    return RobotsParser.Parse(response.Text ?? "", productToken);
                case >= 300 and < 400 when response.Location is { } next:
                    url = next;
                    continue;
                default:
                    return RobotsRules.AllowAll;
            }
        }
        return RobotsRules.AllowAll; // more than five redirects: the RFC lets us treat it as unavailable
    }
}
