using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Braid.Crawler.Urls;

namespace Braid.Crawler.Html;

/// <summary>What a page says about itself and where it leads.</summary>
internal sealed record PageLinks(string? Title, IReadOnlyList<string> Links);

/// <summary>
/// Finds a page's links with AngleSharp: <c>a</c> and <c>area</c> hrefs and <c>link rel=canonical</c>, resolved
/// against <c>base href</c> when there is one. Images, scripts and srcset candidates are resources, not pages, so
/// they are not followed. Links come back canonical, deduplicated, in document order.
/// </summary>
internal static class LinkExtractor
{
    // Thread-safe for parsing; shared because building a parser per page is measurable at thousands of pages a second.
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });

    public static PageLinks Extract(byte[] html, int length, Uri pageUrl, string? charset)
    {
        // Without a charset in the header, AngleSharp reads the bytes and finds it (a BOM, a meta tag, else UTF-8).
        using var document = charset is null
            ? Parser.ParseDocument(new MemoryStream(html, 0, length, writable: false))
            : Parser.ParseDocument(Decode(html.AsSpan(0, length), charset));
        var baseUri = pageUrl;
        if (document.QuerySelector("base[href]")?.GetAttribute("href") is { } href && Uri.TryCreate(pageUrl, href.Trim(), out var b)) baseUri = b;
        var links = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in document.QuerySelectorAll("a[href], area[href], link[href]"))
        {
            if (element is IHtmlLinkElement && !IsCanonical(element.GetAttribute("rel"))) continue;
            if (UrlCanonicalizer.Resolve(baseUri, element.GetAttribute("href")!) is { } url && seen.Add(url)) links.Add(url);
        }
        var title = document.Title?.Trim();
        return new PageLinks(string.IsNullOrEmpty(title) ? null : title, links);
    }

    private static bool IsCanonical(string? rel) =>
        rel is not null && rel.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(r => r.Equals("canonical", StringComparison.OrdinalIgnoreCase));

    private static string Decode(ReadOnlySpan<byte> html, string charset)
    {
        System.Text.Encoding encoding;
        try
        {
            encoding = System.Text.Encoding.GetEncoding(charset.Trim('"', '\''));
        }
        catch (ArgumentException)
        {
            encoding = System.Text.Encoding.UTF8; // an unknown charset: UTF-8 is the web's default
        }
        return encoding.GetString(html);
    }
}
