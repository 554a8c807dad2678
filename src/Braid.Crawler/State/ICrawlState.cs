using Braid.Crawler.Frontier;

namespace Braid.Crawler.State;

/// <summary>What a crawl had done when it stopped: every URL admitted, which are still to fetch, and the records.</summary>
internal sealed record CrawlSnapshot(IReadOnlyList<string> Done, IReadOnlyList<FrontierEntry> Pending, IReadOnlyList<string> Records, bool IsNew);

/// <summary>
/// Where the frontier and the seen set are kept. <see cref="Complete"/> is one transaction: a page's record, its
/// redirect hops and the links it added are saved together or not at all, so a crawl killed at any moment resumes
/// with each URL either done (never fetched again) or pending (fetched again, its earlier attempt never recorded).
/// </summary>
internal interface ICrawlState : IDisposable
{
    CrawlSnapshot Load();

    void AddSeeds(IReadOnlyList<FrontierEntry> seeds);

    void Complete(string url, IReadOnlyList<string> hops, string recordJson, IReadOnlyList<FrontierEntry> discovered);

    IEnumerable<string> Records();
}

/// <summary>No state file: nothing is kept beyond the process.</summary>
internal sealed class MemoryCrawlState : ICrawlState
{
    public CrawlSnapshot Load() => new([], [], [], IsNew: true);

    public void AddSeeds(IReadOnlyList<FrontierEntry> seeds)
    {
    }

    public void Complete(string url, IReadOnlyList<string> hops, string recordJson, IReadOnlyList<FrontierEntry> discovered)
    {
    }

    public IEnumerable<string> Records() => [];

    public void Dispose()
    {
    }
}
