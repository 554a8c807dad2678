using System.Diagnostics;

namespace Braid.Crawler.Frontier;

/// <summary>
/// The URLs still to fetch, in the order found (breadth first), and every URL ever admitted (the seen set, so no URL
/// is queued twice). It lives on the loop and is touched only there, so it needs no lock. <see cref="DispatchAsync"/>
/// is the frontier's strand: it hands entries to the fetchers through a rendezvous channel (a send completes only
/// when a fetcher is free, which is the global concurrency limit) and closes the channel when the crawl is over:
/// nothing queued and nothing in flight, the page limit reached, or a stop requested.
/// </summary>
/// <remarks>Invariant: <c>fetched + inFlight</c> never exceeds the page limit.</remarks>
internal sealed class CrawlFrontier(int maxPages)
{
    private readonly Queue<FrontierEntry> _queue = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private Event _changed = new();

    public int Queued => _queue.Count;
    public int InFlight { get; private set; }
    public int Fetched { get; private set; }
    public bool Stopping { get; private set; }

    /// <summary>Remembers a URL as seen without queueing it (a redirect hop, a URL loaded from state as done).</summary>
    public bool MarkSeen(string url) => _seen.Add(url);

    /// <summary>Queues <paramref name="entry"/> unless its URL was seen before; true when it was new.</summary>
    public bool TryAdd(FrontierEntry entry)
    {
        if (!_seen.Add(entry.Url)) return false;
        _queue.Enqueue(entry);
        Signal();
        return true;
    }

    /// <summary>An entry handed out earlier is finished: <paramref name="countsAsPage"/> when it was fetched (not skipped).</summary>
    public void Done(bool countsAsPage)
    {
        InFlight--;
        if (countsAsPage) Fetched++;
        Debug.Assert(InFlight >= 0, "more entries finished than were handed out");
        Signal();
    }

    /// <summary>Counts a page fetched by an earlier run of a resumed crawl towards the page limit.</summary>
    public void CountEarlierPage() => Fetched++;

    /// <summary>Stop handing out entries; what is in flight finishes and is recorded.</summary>
    public void Stop()
    {
        Stopping = true;
        Signal();
    }

    public async Coroutine DispatchAsync(ChannelSender<FrontierEntry> fetchers)
    {
        try
        {
            while (true)
            {
                // Wait while there is nothing to hand out but what is in flight may still find more, or while the
                // pages in flight could still reach the limit.
                while (!Stopping && InFlight > 0 && (_queue.Count == 0 || Fetched + InFlight >= maxPages)) await WaitForChange();
                if (Stopping || _queue.Count == 0 || Fetched >= maxPages) return;
                var entry = _queue.Dequeue();
                InFlight++;
                try
                {
                    await fetchers.Send(entry);
                }
                catch
                {
                    InFlight--; // never delivered
                    throw;
                }
            }
        }
        finally
        {
            fetchers.Close();
        }
    }

    private async Coroutine WaitForChange()
    {
        var changed = _changed;
        await changed.Wait();
    }

    // Braid's Event cannot be cleared (as in Trio), so a change sets the current one and starts a new one.
    private void Signal()
    {
        var changed = _changed;
        _changed = new Event();
        changed.Set();
    }
}
