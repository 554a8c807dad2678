namespace Braid.Crawler;

/// <summary>A snapshot of a running crawl, for a progress display.</summary>
/// <param name="Pages">Pages fetched, over every run of a resumed crawl.</param>
/// <param name="PagesThisRun">Pages fetched by this run.</param>
/// <param name="PagesPerSecond">This run's pages over its elapsed time.</param>
/// <param name="Errors">Records with an error, over every run.</param>
/// <param name="Queued">URLs waiting in the frontier.</param>
/// <param name="InFlight">URLs being fetched now.</param>
/// <param name="Elapsed">Time since this run started.</param>
public sealed record CrawlProgress(int Pages, int PagesThisRun, double PagesPerSecond, int Errors, int Queued, int InFlight, TimeSpan Elapsed);
