using System.Diagnostics;
using Braid.Crawler.Fetching;
using Braid.Crawler.Frontier;
using Braid.Crawler.State;
using Braid.Crawler.Urls;

namespace Braid.Crawler.Output;

/// <summary>
/// The writer strand: the one place that records. For each outcome it admits the page's links to the frontier
/// (scope, depth, dedup), saves the record, its hops and the new links in one state transaction, appends the JSON
/// line, and only then tells the frontier the URL is done, so the crawl cannot end while a page's links are unsaved.
/// </summary>
internal sealed class RecordWriter(CrawlOptions options, CrawlScope scope, CrawlFrontier frontier, SummaryBuilder summary,
    ICrawlState state, JsonlOutput? output, Action<CrawlRecord>? written)
{
    public Stopwatch? Clock { get; set; }

    public async Coroutine RunAsync(ChannelReceiver<FetchOutcome> outcomes)
    {
        try
        {
            await foreach (var outcome in outcomes) Write(outcome);
        }
        finally
        {
            outcomes.Close();
        }
    }

    private void Write(FetchOutcome outcome)
    {
        var discovered = Admit(outcome);
        var json = RecordJsonContext.Serialize(outcome.Record);
        state.Complete(outcome.Entry.Url, outcome.Hops, json, discovered);
        output?.Write(json);
        summary.Add(outcome.Record, Clock?.Elapsed.TotalSeconds ?? 0);
        frontier.Done(outcome.Record.Fetched);
        written?.Invoke(outcome.Record);
    }

    private List<FrontierEntry> Admit(FetchOutcome outcome)
    {
        var discovered = new List<FrontierEntry>();
        if (outcome.Links.Count == 0) return discovered;
        var depth = outcome.Entry.Depth + 1;
        var from = outcome.Record.FinalUrl ?? outcome.Entry.Url;
        foreach (var link in outcome.Links)
        {
            var uri = new Uri(link);
            if (!scope.Allows(uri, link))
            {
                summary.OutOfScope++;
                continue;
            }
            if (depth > options.MaxDepth)
            {
                summary.TooDeep++;
                continue;
            }
            var entry = new FrontierEntry(link, depth, from);
            if (frontier.TryAdd(entry)) discovered.Add(entry);
        }
        return discovered;
    }
}
