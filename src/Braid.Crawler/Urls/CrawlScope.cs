using System.Text.RegularExpressions;

namespace Braid.Crawler.Urls;

/// <summary>Which links a crawl follows: a scope rule over the seeds, then the include and exclude patterns.</summary>
internal sealed class CrawlScope
{
    private readonly HashSet<string> _hosts = new(StringComparer.Ordinal);
    private readonly List<string> _domains = new();
    private readonly ScopeRule _rule;
    private readonly string? _prefix;
    private readonly Regex? _include;
    private readonly Regex? _exclude;

    public CrawlScope(IEnumerable<Uri> seeds, ScopeRule rule, string? prefix, Regex? include, Regex? exclude)
    {
        _rule = rule;
        _prefix = prefix;
        _include = include;
        _exclude = exclude;
        foreach (var seed in seeds)
        {
            _hosts.Add(seed.Authority.ToLowerInvariant());
            _domains.Add(Domain(seed.IdnHost.ToLowerInvariant()));
        }
    }

    /// <summary>True when a link to <paramref name="url"/> (canonical) is followed.</summary>
    public bool Allows(Uri url, string canonical)
    {
        var inScope = _rule switch
        {
            ScopeRule.SameHost => _hosts.Contains(url.Authority.ToLowerInvariant()),
            ScopeRule.SameDomain => _domains.Any(d => InDomain(url.IdnHost.ToLowerInvariant(), d)),
            _ => canonical.StartsWith(_prefix!, StringComparison.Ordinal),
        };
        if (!inScope) return false;
        if (_include is not null && !_include.IsMatch(canonical)) return false;
        return _exclude is null || !_exclude.IsMatch(canonical);
    }

    private static bool InDomain(string host, string domain) =>
        host == domain || host.EndsWith("." + domain, StringComparison.Ordinal);

    // Without the public suffix list, the seed's host less a leading "www." stands for its domain: same-domain then
    // means that host and its subdomains, which errs on the side of crawling less.
    private static string Domain(string host) => host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
}

/// <summary>The scope rules of <c>--scope</c>.</summary>
public enum ScopeRule
{
    /// <summary>Only the seeds' hosts (host and port).</summary>
    SameHost,

    /// <summary>The seeds' hosts and their subdomains (a leading www. is dropped first).</summary>
    SameDomain,

    /// <summary>Only URLs that start with a given canonical prefix.</summary>
    Prefix,
}
