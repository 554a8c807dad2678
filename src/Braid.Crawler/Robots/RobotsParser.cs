using System.Globalization;
using Braid.Crawler.Urls;

namespace Braid.Crawler.Robots;

/// <summary>
/// Parses robots.txt as RFC 9309 describes: groups start with one or more user-agent lines and hold the rules that
/// follow; the groups naming our product token (case-insensitively) are merged, else the <c>*</c> groups are; lines
/// that are not <c>key: value</c> with a known key are ignored, and so are rules before the first user-agent line.
/// Sitemap lines belong to no group. Crawl-delay is not in the RFC, but is widely used, so it is read from the
/// chosen groups.
/// </summary>
internal static class RobotsParser
{
    /// <summary>The RFC requires parsing at least 500 KiB; the rest is ignored.</summary>
    public const int MaxBytes = 500 * 1024;

    public static RobotsRules Parse(string text, string productToken)
    {
        var ours = new List<RobotsPattern>();
        var star = new List<RobotsPattern>();
        double? ourDelay = null, starDelay = null;
        bool ourFound = false, starFound = false;
        var sitemaps = new List<string>();
        // The agents of the group being read; a user-agent line after rules starts a new group.
        var agents = new List<string>();
        var inRules = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#', 2)[0].Trim();
            var colon = line.IndexOf(':');
            if (colon <= 0) continue; // malformed: ignored
            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "user-agent":
                    if (inRules) agents.Clear();
                    inRules = false;
                    agents.Add(value);
                    // A group that names us but has no rules still matches (RFC 9309 5.1, quxbot): it allows everything.
                    ourFound |= Names(value, productToken);
                    starFound |= value == "*";
                    break;
                case "allow" or "disallow" or "crawl-delay":
                    if (agents.Count == 0) break; // a rule outside any group
                    inRules = true;
                    var isOurs = agents.Any(a => Names(a, productToken));
                    var isStar = agents.Any(a => a == "*");
                    if (key == "crawl-delay")
                    {
                        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || d < 0) break;
                        if (isOurs) ourDelay = d;
                        if (isStar) starDelay = d;
                        break;
                    }
                    if (value.Length == 0) break; // "Disallow:" with no path is no rule
                    var rule = new RobotsPattern(UrlCanonicalizer.NormalizeEscapes(value), key == "allow");
                    if (isOurs) ours.Add(rule);
                    if (isStar) star.Add(rule);
                    break;
                case "sitemap":
                    if (value.Length > 0) sitemaps.Add(value);
                    break;
            }
        }
        var (rules, delay) = ourFound ? (ours, ourDelay) : starFound ? (star, starDelay) : (new List<RobotsPattern>(), null);
        return new RobotsRules(rules, delay is { } s ? TimeSpan.FromSeconds(Math.Min(s, 3600)) : null, sitemaps, RobotsSource.Parsed);
    }

    // "BraidCrawler/1.0" names BraidCrawler: a version after the product token is common and harmless.
    private static bool Names(string agent, string productToken) => agent.Split('/')[0].Trim().Equals(productToken, StringComparison.OrdinalIgnoreCase);
}
