using System.Text;

namespace Braid.Crawler.DemoSite;

/// <summary>The demo site's documents: generated pages whose links take every form a crawler meets.</summary>
internal static class DemoPages
{
    public static string Robots(string origin, bool traps) => traps
        ? $"""
          # The Braid demo site. BadBot may not crawl at all; everyone else keeps out of /private/ except /private/open.
          User-agent: BadBot
          Disallow: /

          User-agent: *
          Disallow: /private/
          Allow: /private/open
          Disallow: /*.pdf$
          this line is not a rule and is ignored

          Sitemap: {origin}/sitemap.xml
          """
        : $"User-agent: *\nDisallow: /private/\n\nSitemap: {origin}/sitemap.xml\n";

    public static string Home(string origin, bool traps)
    {
        var body = new StringBuilder("<ul><li><a href=\"/page/0\">the pages</a></li>");
        if (traps)
        {
            foreach (var href in new[]
            {
                "/redirect/1", "/loop/a", "/missing", "/flaky", "/busy", "/slow", "/huge", "files/data.csv", "/files/report.pdf",
                "/private/secret", "/private/open", "/malformed", "http://elsewhere.invalid/page", "mailto:someone@example.com",
                "javascript:void(0)", "#top",
            })
            {
                body.Append($"<li><a href=\"{href}\">{href}</a></li>");
            }
            body.Append("<li><img src=\"/img/a.png\" srcset=\"/img/a.png 1x, /img/b.png 2x\" alt=\"not a page\"></li>");
        }
        return Html("Braid demo site", body.Append("</ul>").ToString(), $"<link rel=\"canonical\" href=\"{origin}/\">");
    }

    /// <summary>Page i: links in four spellings (relative, root-relative, absolute, with a fragment and odd escapes).</summary>
    public static string Page(string origin, int page, int pages)
    {
        var links = DemoGraph.LinksOf(page, pages);
        var body = $"""
            <p>Page {page} of {pages}.</p>
            <a href="{links[0]}">next by sevens</a>
            <a href="/page/{links[1]}#section">next by thirteens</a>
            <a href="{origin}/page/{links[2]}">next</a>
            <a href="/page/./{links[3]}">next by twos</a>
            <a href="/%70age/{links[2]}">the same, escaped</a>
            <link rel="stylesheet" href="/style.css">
            """;
        return Html($"Page {page}", body, $"<link rel=\"canonical\" href=\"/page/{page}\">");
    }

    // Unclosed tags, a stray end tag and an attribute without quotes: AngleSharp must still find both links.
    public static string Malformed() =>
        "<html><head><title>Malformed</title><body><base href=\"/base/\"><p><b>bold <i>and italic</b></div>" +
        "<a href=target>relative to the base</a><a href=\"/page/2\" <p>unterminated";

    public static string Simple(string title, string text) => Html(title, $"<p>{text}</p>", "");

    public static string Sitemap(string origin, int pages)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (var i = 0; i < pages; i++) sb.Append($"  <url><loc>{origin}/page/{i}</loc></url>\n");
        return sb.Append("</urlset>\n").ToString();
    }

    private static string Html(string title, string body, string head) =>
        $"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{title}</title>{head}</head><body>{body}</body></html>\n";
}
