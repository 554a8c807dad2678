using Braid.Crawler.Frontier;
using Braid.Crawler.Output;

namespace Braid.Crawler.State;

/// <summary>
/// Starts a crawl from its state: the URLs done join the seen set (never fetched again), the pending ones the
/// frontier in the order found, earlier runs' records the summary and the page count; a new crawl starts from its
/// seeds, saved first so that a kill before the first page still leaves a state file of this crawl.
/// </summary>
internal static class CrawlResume
{
    public static void Restore(ICrawlState state, CrawlFrontier frontier, SummaryBuilder summary, IReadOnlyList<FrontierEntry> seeds)
    {
        var snapshot = state.Load();
        foreach (var url in snapshot.Done) frontier.MarkSeen(url);
        foreach (var entry in snapshot.Pending) frontier.TryAdd(entry);
        foreach (var json in snapshot.Records)
        {
            var record = RecordJsonContext.Deserialize(json);
            summary.Add(record, null);
            if (record.Fetched) frontier.CountEarlierPage();
        }
        if (!snapshot.IsNew) return;
        foreach (var seed in seeds) frontier.TryAdd(seed);
        state.AddSeeds(seeds);
    }
}
