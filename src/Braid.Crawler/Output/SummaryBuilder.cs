namespace Braid.Crawler.Output;

/// <summary>Counts records as they are written (and those of earlier runs, replayed from the state file).</summary>
internal sealed class SummaryBuilder
{
    private readonly Dictionary<string, int> _byStatus = new();
    private readonly Dictionary<string, int> _byHost = new();
    private readonly Dictionary<string, int> _errors = new();
    private readonly List<(double, int?)> _timeline = new();

    public int Pages { get; private set; }
    public int PagesThisRun { get; private set; }
    public int Errors { get; private set; }
    public int OutOfScope { get; set; }
    public int TooDeep { get; set; }

    public void Add(CrawlRecord record, double? secondsThisRun)
    {
        if (record.Fetched)
        {
            Pages++;
            Bump(_byStatus, record.Status?.ToString() ?? "none");
            if (Uri.TryCreate(record.Url, UriKind.Absolute, out var uri)) Bump(_byHost, uri.Authority);
            if (secondsThisRun is { } s)
            {
                PagesThisRun++;
                _timeline.Add((s, record.Status));
            }
        }
        if (record.ErrorKind is { } kind)
        {
            Errors++;
            Bump(_errors, kind);
        }
    }

    public CrawlSummary Build(TimeSpan elapsed, int remaining, bool stopped, IReadOnlyList<string> sitemaps) => new()
    {
        Pages = Pages,
        PagesThisRun = PagesThisRun,
        Elapsed = elapsed,
        ByStatus = _byStatus,
        ByHost = _byHost,
        ErrorsByKind = _errors,
        OutOfScope = OutOfScope,
        TooDeep = TooDeep,
        Remaining = remaining,
        Stopped = stopped,
        Sitemaps = sitemaps,
        Timeline = _timeline,
    };

    private static void Bump(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
