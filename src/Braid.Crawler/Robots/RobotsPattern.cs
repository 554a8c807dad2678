namespace Braid.Crawler.Robots;

/// <summary>
/// One Allow or Disallow path pattern of RFC 9309: matched from the start of the path, <c>*</c> matches any run of
/// characters, a final <c>$</c> anchors the end. Its length (for the longest-match rule) is its length in characters
/// as written, after percent-encoding is normalised.
/// </summary>
internal sealed record RobotsPattern(string Pattern, bool Allow)
{
    public int Length => Pattern.Length;

    public bool Matches(string path)
    {
        var anchored = Pattern.EndsWith('$');
        var pattern = anchored ? Pattern[..^1] : Pattern;
        return Glob(pattern, path, anchored);
    }

    // The classic two-pointer wildcard match, remembering the last '*' to backtrack to; unanchored patterns need
    // only match a prefix of the path, so they succeed as soon as the pattern is used up.
    private static bool Glob(string pattern, string path, bool anchored)
    {
        int p = 0, s = 0, star = -1, mark = 0;
        while (true)
        {
            if (p == pattern.Length && (!anchored || s == path.Length)) return true;
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = s;
            }
            else if (p < pattern.Length && s < path.Length && pattern[p] == path[s])
            {
                p++;
                s++;
            }
            else if (star >= 0 && mark < path.Length)
            {
                p = star + 1;
                s = ++mark;
            }
            else return false;
        }
    }
}
