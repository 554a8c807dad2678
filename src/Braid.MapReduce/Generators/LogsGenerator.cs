using System.Globalization;
using System.Text;

namespace Braid.MapReduce.Generators;

/// <summary>
/// Writes seeded web server logs in the combined log format: clients and paths drawn with Zipf frequencies, realistic
/// methods, statuses, sizes, referers and agents, timestamps that advance through about a day, and a share (about one
/// line in 200) of malformed lines of several kinds. The same seed and size give the same bytes.
/// </summary>
public static class LogsGenerator
{
    private static readonly string[] Methods = ["GET", "GET", "GET", "GET", "GET", "GET", "GET", "POST", "POST", "HEAD", "PUT", "DELETE"];
    private static readonly (int Status, int Weight)[] Statuses = [(200, 800), (304, 80), (404, 60), (301, 30), (302, 10), (500, 12), (503, 5), (403, 3)];
    private static readonly string[] Agents =
    [
        "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "curl/8.8.0", "Googlebot/2.1 (+http://www.google.com/bot.html)", "python-requests/2.32.3",
    ];
    private static readonly string[] Sections = ["products", "blog", "api/v1/items", "static/img", "static/js", "docs", "user", "search"];
    private static readonly string[] MonthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>Writes at least <paramref name="size"/> bytes of log lines; returns the bytes written.</summary>
    public static long Write(Stream output, long size, int seed)
    {
        var random = new Random(seed);
        var ips = Enumerable.Range(0, 5000).Select(_ => Ip(random)).Distinct().ToArray();
        var paths = Enumerable.Range(0, 2000).Select(i => Path(random, i)).Distinct().ToArray();
        var ipZipf = new ZipfSampler(ips.Length, 1.1);
        var pathZipf = new ZipfSampler(paths.Length, 1.0);
        var statusTotal = Statuses.Sum(s => s.Weight);
        var start = new DateTime(2024, 3, 10, 0, 0, 0, DateTimeKind.Utc);
        var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        long written = 0;
        var sb = new StringBuilder(512);
        while (written < size)
        {
            sb.Clear();
            // Time advances with the bytes written, so any size spans exactly one day.
            var time = start.AddSeconds(Math.Floor(86_399.0 * written / Math.Max(1, size)));
            var ip = ips[ipZipf.Next(random)];
            if (random.Next(200) == 0)
            {
                Malformed(sb, random, ip, time);
            }
            else
            {
                var method = Methods[random.Next(Methods.Length)];
                var path = paths[pathZipf.Next(random)];
                var query = random.Next(10) == 0 ? $"?page={random.Next(1, 20)}" : "";
                var pick = random.Next(statusTotal);
                var status = Statuses.First(s => (pick -= s.Weight) < 0).Status;
                var bytes = status == 304 || method == "HEAD" ? "-" : random.Next(200, 60_000).ToString(CultureInfo.InvariantCulture);
                var user = random.Next(20) == 0 ? "alice" : "-";
                var referer = random.Next(3) == 0 ? "-" : $"https://example.com{paths[pathZipf.Next(random)]}";
                sb.Append(ip).Append(" - ").Append(user).Append(" [").Append(Timestamp(time)).Append("] \"")
                  .Append(method).Append(' ').Append(path).Append(query).Append(" HTTP/1.1\" ")
                  .Append(status).Append(' ').Append(bytes).Append(" \"").Append(referer).Append("\" \"")
                  .Append(Agents[random.Next(Agents.Length)]).Append('"');
            }
            sb.Append('\n');
            writer.Write(sb);
            written += sb.Length; // ASCII only, so chars are bytes
        }
        writer.Flush();
        return written;
    }

    /// <summary>Writes a file of at least <paramref name="size"/> bytes, whole or not at all (see <see cref="Braid.Reporting.Files.AtomicFile"/>); returns its length.</summary>
    public static long WriteFile(string path, long size, int seed)
    {
        long written = 0;
        Braid.Reporting.Files.AtomicFile.Write(path, file => written = Write(file, size, seed));
        return written;
    }

    /// <summary>The timestamp as logged: <c>10/Mar/2024:13:55:36 +0000</c>.</summary>
    public static string Timestamp(DateTime time) =>
        $"{time.Day:00}/{MonthNames[time.Month - 1]}/{time.Year}:{time.Hour:00}:{time.Minute:00}:{time.Second:00} +0000";

    private static void Malformed(StringBuilder sb, Random random, string ip, DateTime time)
    {
        switch (random.Next(5))
        {
            case 0: sb.Append(ip).Append(" - - [").Append(Timestamp(time)).Append("] \"GET /trunc"); break;
            case 1: sb.Append("\\x16\\x03\\x01 garbage from a TLS client on the HTTP port"); break;
            case 2: sb.Append(ip).Append(" - - [").Append(Timestamp(time)).Append("] \"GET / HTTP/1.1\" 2x0 512 \"-\" \"curl/8.8.0\""); break;
            case 3: sb.Append(ip).Append(" - - ").Append(Timestamp(time)).Append(" \"GET / HTTP/1.1\" 200 512"); break;
            default: break; // an empty line
        }
    }

    private static string Ip(Random random) =>
        $"{random.Next(1, 224)}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}";

    private static string Path(Random random, int i) => random.Next(10) switch
    {
        0 => "/",
        1 => $"/{Sections[random.Next(Sections.Length)]}/",
        _ => $"/{Sections[random.Next(Sections.Length)]}/{i}{(random.Next(3) == 0 ? ".html" : "")}",
    };
}
