using System.Text;

namespace Braid.Crawler.Urls;

/// <summary>
/// Turns a URL into the one spelling the crawler dedups on: scheme and host lowercased (IDN hosts in punycode),
/// default ports dropped, the fragment dropped, dot segments resolved, percent-encoding normalised (unreserved
/// characters decoded, other escapes in upper case, characters that must be escaped escaped), an empty path made
/// "/", an empty query dropped, and the query's order kept (reordering it would merge URLs that servers tell apart).
/// </summary>
public static class UrlCanonicalizer
{
    /// <summary>Resolves <paramref name="reference"/> against <paramref name="baseUri"/> and canonicalises it; null for anything that is not an http(s) URL.</summary>
    public static string? Resolve(Uri? baseUri, string reference)
    {
        var text = reference.Trim();
        if (text.Length == 0 && baseUri is null) return null;
        Uri? uri;
        if (baseUri is null) Uri.TryCreate(text, UriKind.Absolute, out uri);
        else Uri.TryCreate(baseUri, text, out uri);
        return uri is null ? null : Canonicalize(uri);
    }

    /// <summary>The canonical form of an absolute URL, or null when it is not http or https or has no host.</summary>
    public static string? Canonicalize(Uri uri)
    {
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.IdnHost.Length == 0) return null;
        var sb = new StringBuilder(uri.OriginalString.Length + 8);
        sb.Append(uri.Scheme).Append("://").Append(uri.IdnHost.ToLowerInvariant());
        if (!uri.IsDefaultPort) sb.Append(':').Append(uri.Port);
        // Uri has already resolved dot segments; AbsolutePath keeps the escapes as written, which we normalise.
        var path = uri.AbsolutePath;
        AppendNormalized(sb, path.Length == 0 ? "/" : path, isQuery: false);
        var query = uri.Query;
        if (query.Length > 1)
        {
            sb.Append('?');
            AppendNormalized(sb, query.AsSpan(1).ToString(), isQuery: true);
        }
        return sb.ToString();
    }

    /// <summary>Canonicalises an absolute URL given as text; null when it is not one.</summary>
    public static string? Canonicalize(string url) => Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) ? Canonicalize(uri) : null;

    /// <summary>Normalises the percent-encoding of a path or path pattern the way <see cref="Canonicalize(Uri)"/> does (robots.txt rules compare in this form).</summary>
    internal static string NormalizeEscapes(string pathAndQuery)
    {
        var sb = new StringBuilder(pathAndQuery.Length);
        AppendNormalized(sb, pathAndQuery, isQuery: true);
        return sb.ToString();
    }

    private static void AppendNormalized(StringBuilder sb, string text, bool isQuery)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
            {
                var value = (char)Convert.ToInt32(text.Substring(i + 1, 2), 16);
                if (IsUnreserved(value)) sb.Append(value);
                else sb.Append('%').Append(char.ToUpperInvariant(text[i + 1])).Append(char.ToUpperInvariant(text[i + 2]));
                i += 2;
            }
            else if (c == '%') sb.Append("%25"); // a stray percent sign is data, not an escape
            else if (IsUnreserved(c) || IsAllowedReserved(c, isQuery)) sb.Append(c);
            else AppendEscaped(sb, text, ref i);
        }
    }

    private static void AppendEscaped(StringBuilder sb, string text, ref int i)
    {
        var length = char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
        foreach (var b in Encoding.UTF8.GetBytes(text.Substring(i, length))) sb.Append('%').Append(b.ToString("X2"));
        i += length - 1;
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';

    // RFC 3986 sub-delims plus ':' and '@' are allowed in a path segment; '/' separates segments; the query also keeps '?'.
    private static bool IsAllowedReserved(char c, bool isQuery) =>
        c is '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=' or ':' or '@' or '/' || (isQuery && c == '?');
}
