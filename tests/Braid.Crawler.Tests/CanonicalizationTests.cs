using Braid.Crawler.Urls;

namespace Braid.Crawler.Tests;

/// <summary>URL canonicalisation: one spelling per resource, and nothing merged that servers tell apart.</summary>
public sealed class CanonicalizationTests
{
    [Theory]
    [InlineData("HTTP://Example.COM/a", "http://example.com/a")] // scheme and host case
    [InlineData("http://example.com:80/a", "http://example.com/a")] // default ports
    [InlineData("https://example.com:443/a", "https://example.com/a")]
    [InlineData("http://example.com:8080/a", "http://example.com:8080/a")]
    [InlineData("http://example.com", "http://example.com/")] // an empty path is /
    [InlineData("http://example.com/a#frag", "http://example.com/a")] // fragments dropped
    [InlineData("http://example.com/a/./b/../c", "http://example.com/a/c")] // dot segments
    [InlineData("http://example.com/%7Euser/%41", "http://example.com/~user/A")] // unreserved escapes decoded
    [InlineData("http://example.com/a%2fb", "http://example.com/a%2Fb")] // reserved escapes kept, hex in upper case
    [InlineData("http://example.com/a b", "http://example.com/a%20b")] // what must be escaped is
    [InlineData("http://example.com/caf\u00e9", "http://example.com/caf%C3%A9")]
    [InlineData("http://example.com/?b=2&a=1", "http://example.com/?b=2&a=1")] // query order kept
    [InlineData("http://example.com/a?", "http://example.com/a")] // an empty query dropped
    [InlineData("http://example.com/a?q=%7e%20x", "http://example.com/a?q=~%20x")]
    [InlineData("http://b\u00fccher.example/", "http://xn--bcher-kva.example/")] // IDN hosts in punycode
    public void Canonical_forms(string input, string expected) => Assert.Equal(expected, UrlCanonicalizer.Canonicalize(input));

    [Theory]
    [InlineData("mailto:someone@example.com")]
    [InlineData("javascript:void(0)")]
    [InlineData("ftp://example.com/file")]
    [InlineData("data:text/html,hi")]
    public void Only_http_and_https_are_urls_to_crawl(string input) => Assert.Null(UrlCanonicalizer.Canonicalize(input));

    [Theory]
    [InlineData("page/2", "http://h.example/dir/page/2")]
    [InlineData("../up", "http://h.example/up")]
    [InlineData("/root?x=1#y", "http://h.example/root?x=1")]
    [InlineData("//other.example/x", "http://other.example/x")]
    [InlineData("  /trimmed  ", "http://h.example/trimmed")]
    [InlineData("#only-a-fragment", "http://h.example/dir/index.html")]
    public void Relative_links_resolve_against_the_page(string href, string expected) =>
        Assert.Equal(expected, UrlCanonicalizer.Resolve(new Uri("http://h.example/dir/index.html"), href));
}
