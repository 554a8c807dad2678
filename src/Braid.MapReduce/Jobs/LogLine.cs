namespace Braid.MapReduce.Jobs;

/// <summary>
/// One parsed line of the Apache/nginx combined log format (the common format, without referer and user agent, is
/// accepted too):
/// <c>IP IDENT USER [dd/Mon/yyyy:HH:MM:SS +zone] "METHOD PATH PROTOCOL" STATUS BYTES "REFERER" "AGENT"</c>.
/// The path is the request target without its query string; BYTES may be <c>-</c> (no body).
/// </summary>
public readonly ref struct LogLine
{
    private LogLine(ReadOnlySpan<char> ip, int hour, ReadOnlySpan<char> path, int status, long bytes)
    {
        Ip = ip;
        Hour = hour;
        Path = path;
        Status = status;
        Bytes = bytes;
    }

    /// <summary>The client address.</summary>
    public ReadOnlySpan<char> Ip { get; }

    /// <summary>The hour of the request (0-23), as logged.</summary>
    public int Hour { get; }

    /// <summary>The requested path, or <c>-</c> when the request line has none.</summary>
    public ReadOnlySpan<char> Path { get; }

    /// <summary>The HTTP status (100-599).</summary>
    public int Status { get; }

    /// <summary>Bytes sent in the body (0 for <c>-</c>).</summary>
    public long Bytes { get; }

    /// <summary>Parses a line (without its line ending); false for a malformed line.</summary>
    // Hot: compiled fully optimised at once, since a worker calls it only a few dozen times in its life.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(ReadOnlySpan<char> line, out LogLine entry)
    {
        entry = default;
        // IP
        var space = line.IndexOf(' ');
        if (space <= 0) return false;
        var ip = line[..space];
        if (ip.ContainsAnyExcept(IpChars)) return false;
        line = line[(space + 1)..];
        // IDENT and USER
        for (var field = 0; field < 2; field++)
        {
            space = line.IndexOf(' ');
            if (space <= 0) return false;
            line = line[(space + 1)..];
        }
        // [dd/Mon/yyyy:HH:MM:SS +zone]
        if (line.Length < 2 || line[0] != '[') return false;
        var close = line.IndexOf(']');
        if (close < 0) return false;
        var time = line[1..close];
        var colon = time.IndexOf(':');
        if (colon != 11 || time.Length < colon + 9) return false;
        if (!TwoDigits(time[(colon + 1)..], out var hour) || hour > 23 || time[colon + 3] != ':') return false;
        line = line[(close + 1)..];
        // "REQUEST"
        if (!line.StartsWith(" \"")) return false;
        line = line[2..];
        var quote = line.IndexOf('"');
        if (quote < 0) return false;
        var request = line[..quote];
        line = line[(quote + 1)..];
        // STATUS
        if (line.Length < 5 || line[0] != ' ') return false;
        var status = 0;
        for (var i = 1; i <= 3; i++)
        {
            if (!char.IsAsciiDigit(line[i])) return false;
            status = status * 10 + (line[i] - '0');
        }
        if (status is < 100 or > 599 || line[4] != ' ') return false;
        line = line[5..];
        // BYTES
        space = line.IndexOf(' ');
        var bytesField = space < 0 ? line : line[..space];
        long bytes = 0;
        if (bytesField is not "-")
        {
            if (bytesField.IsEmpty || bytesField.Length > 15 || bytesField.ContainsAnyExceptInRange('0', '9')) return false;
            bytes = long.Parse(bytesField);
        }
        // Optional "REFERER" "AGENT": if present they must be quoted.
        if (space >= 0)
        {
            var rest = line[(space + 1)..];
            if (rest.Length < 2 || rest[0] != '"' || rest[^1] != '"') return false;
        }

        entry = new LogLine(ip, hour, PathOf(request), status, bytes);
        return true;
    }

    private static ReadOnlySpan<char> PathOf(ReadOnlySpan<char> request)
    {
        var first = request.IndexOf(' ');
        if (first < 0) return "-";
        var target = request[(first + 1)..];
        var second = target.IndexOf(' ');
        if (second >= 0) target = target[..second];
        var query = target.IndexOf('?');
        if (query >= 0) target = target[..query];
        return target.IsEmpty ? "-" : target;
    }

    private static bool TwoDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        if (s.Length < 2 || !char.IsAsciiDigit(s[0]) || !char.IsAsciiDigit(s[1])) return false;
        value = (s[0] - '0') * 10 + (s[1] - '0');
        return true;
    }

    private static readonly System.Buffers.SearchValues<char> IpChars =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF.:");
}
