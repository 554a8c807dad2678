using Braid.Crawler.Politeness;
using Braid.Crawler.Robots;

namespace Braid.Crawler.Tests;

/// <summary>robots.txt matching, from RFC 9309's own examples (sections 2.2, 5.1 and 5.2).</summary>
public sealed class RobotsRulesTests
{
    private const string Rfc51 = """
        User-Agent: *
        Disallow: *.gif$
        Disallow: /example/
        Allow: /publications/

        User-Agent: foobot
        Disallow:/
        Allow:/example/page.html
        Allow:/example/allowed.gif

        User-Agent: barbot
        User-Agent: bazbot
        Disallow: /example/page.html

        User-Agent: quxbot

        EOF
        """;

    [Theory]
    [InlineData("foobot", "/example/page.html", true)]
    [InlineData("foobot", "/example/allowed.gif", true)]
    [InlineData("foobot", "/other", false)]
    [InlineData("FooBot", "/other", false)] // product tokens compare without case
    [InlineData("barbot", "/example/page.html", false)]
    [InlineData("bazbot", "/example/page.html", false)]
    [InlineData("bazbot", "/example/other.gif", true)] // bazbot's group replaces the * group
    [InlineData("quxbot", "/example/anything.gif", true)] // an empty group matches and allows everything
    [InlineData("otherbot", "/pics/cat.gif", false)]
    [InlineData("otherbot", "/example/page.html", false)]
    [InlineData("otherbot", "/publications/paper", true)]
    [InlineData("otherbot", "/robots.txt", true)]
    public void Rfc9309_5_1_groups(string agent, string path, bool allowed) =>
        Assert.Equal(allowed, RobotsParser.Parse(Rfc51, agent).IsAllowed(path));

    [Theory]
    [InlineData("/example/page/", true)]
    [InlineData("/example/page/disallowed.gif", false)]
    public void Rfc9309_5_2_longest_match_wins(string path, bool allowed)
    {
        var rules = RobotsParser.Parse("User-Agent: foobot\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif\n", "foobot");
        Assert.Equal(allowed, rules.IsAllowed(path));
    }

    [Theory]
    [InlineData("/path/file-with-a-.html", false)]
    [InlineData("/path/file-with-a-foo.html", false)]
    [InlineData("/path/file-with-a-foo.htmlx", false)] // no $: a prefix match
    [InlineData("/path/other.html", true)]
    [InlineData("/this/path/exactly", false)]
    [InlineData("/this/path/exactly-not", true)] // $ anchors the end
    [InlineData("/foo/bar/%E3%83%84", false)]
    [InlineData("/foo/bar/%e3%83%84", false)] // escapes compare without case
    [InlineData("/baz/%62%61%7A", false)]
    public void Rfc9309_2_2_3_special_characters_and_encoding(string path, bool allowed)
    {
        var rules = RobotsParser.Parse("""
            User-agent: *
            Disallow: /path/file-with-a-*.html
            Disallow: /this/path/exactly$
            Disallow: /foo/bar/ツ
            Disallow: /baz/baz
            """, "BraidCrawler");
        Assert.Equal(allowed, rules.IsAllowed(Urls.UrlCanonicalizer.NormalizeEscapes(path)));
    }

    [Fact]
    public void A_tie_goes_to_allow_and_empty_disallow_is_no_rule()
    {
        var rules = RobotsParser.Parse("User-agent: *\nDisallow: /page\nAllow: /page\nDisallow:\n", "BraidCrawler");
        Assert.True(rules.IsAllowed("/page"));
        Assert.True(RobotsParser.Parse("User-agent: *\nDisallow:\n", "x").IsAllowed("/anything"));
    }

    [Fact]
    public void Groups_naming_the_crawler_are_merged_and_malformed_lines_ignored()
    {
        var rules = RobotsParser.Parse("""
            Disallow: /c
            User-agent: BraidCrawler/1.0
            Disallow: /a
            this is not a rule
            Crawl-delay: 2.5
            Sitemap: http://127.0.0.1/sitemap.xml

            User-agent: *
            Disallow: /

            user-agent: braidcrawler
            DISALLOW: /b  # a comment
            """, "BraidCrawler");
        Assert.False(rules.IsAllowed("/a"));
        Assert.False(rules.IsAllowed("/b"));
        Assert.True(rules.IsAllowed("/c"));
        Assert.Equal(TimeSpan.FromSeconds(2.5), rules.CrawlDelay);
        Assert.Equal(["http://127.0.0.1/sitemap.xml"], rules.Sitemaps);
    }

    [Fact]
    public void No_matching_group_allows_everything() =>
        Assert.True(RobotsParser.Parse("User-agent: other\nDisallow: /\n", "BraidCrawler").IsAllowed("/x"));

    [Theory]
    [InlineData(404, true)]
    [InlineData(403, true)] // any 4xx: unavailable, crawl as if no rules
    [InlineData(429, false)]
    [InlineData(500, false)] // 5xx: unreachable, complete disallow
    [InlineData(503, false)]
    [InlineData(null, false)] // a network failure or a timeout
    public void Unavailable_and_unreachable_robots_txt_as_RFC_9309_2_3_1_says(int? status, bool allowed)
    {
        var rules = Loop.Run(() => RobotsFetcher.FetchAsync(new Uri("http://127.0.0.1/"), "BraidCrawler",
            (_, _, _) => Fetched(new Fetching.FetchResponse { Status = status })));
        Assert.Equal(allowed, rules.IsAllowed("/page"));
    }

    [Fact]
    public void More_than_five_redirects_means_unavailable()
    {
        var hops = 0;
        var rules = Loop.Run(() => RobotsFetcher.FetchAsync(new Uri("http://127.0.0.1/"), "BraidCrawler", (url, _, _) =>
        {
            hops++;
            return Fetched(new Fetching.FetchResponse { Status = 301, Location = new Uri(url, "/r" + hops) });
        }));
        Assert.True(rules.IsAllowed("/page"));
        Assert.Equal(6, hops);
    }

    private static async Coroutine<Fetching.FetchResponse> Fetched(Fetching.FetchResponse response)
    {
        await Loop.Yield();
        return response;
    }
}
