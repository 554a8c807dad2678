using System.Diagnostics;
using Braid.Crawler.Fetching;
using Braid.Crawler.Frontier;
using Braid.Crawler.Output;
using Braid.Crawler.Politeness;
using Braid.Crawler.State;
using Braid.Crawler.Urls;

namespace Braid.Crawler;

/// <summary>
/// A crawl on Braid's loop, structured as one task group of three kinds of strand: the frontier's dispatcher, a pool
/// of <see cref="CrawlOptions.Concurrency"/> fetchers fed by a rendezvous channel, and one writer that owns the output,
/// the state file and the seen set's growth. Requests and HTML parsing run as Tasks off the loop; everything they
/// decide about (dedup, scope, robots, per-host slots and delays) stays on the loop, so none of it needs a lock.
/// </summary>
public sealed class WebCrawler
{
    private readonly CrawlOptions _options;
    private readonly CrawlScope _scope;
    private readonly List<FrontierEntry> _seeds;
    private readonly object _stopLock = new();
    private LoopHandle? _handle;
    private CrawlFrontier? _frontier;
    private CancelScope? _crawlScope;
    private SummaryBuilder? _summary;
    private Stopwatch? _clock;
    private bool _stopRequested;
    private int _loopThread = -1;

    /// <summary>Checks <paramref name="options"/>; throws <see cref="CrawlInputException"/> for a seed or prefix that is not an http(s) URL.</summary>
    public WebCrawler(CrawlOptions options)
    {
        _options = options;
        if (options.Seeds.Count == 0) throw new CrawlInputException("give at least one URL to start from");
        _seeds = new List<FrontierEntry>();
        foreach (var seed in options.Seeds)
        {
            if (UrlCanonicalizer.Canonicalize(seed) is not { } canonical) throw new CrawlInputException($"'{seed.OriginalString}' is not an http or https URL");
            _seeds.Add(new FrontierEntry(canonical, 0, null));
        }
        string? prefix = null;
        if (options.Scope == ScopeRule.Prefix && (options.ScopePrefix is null || (prefix = UrlCanonicalizer.Canonicalize(options.ScopePrefix)) is null))
        {
            throw new CrawlInputException($"--scope prefix: '{options.ScopePrefix}' is not an http or https URL");
        }
        _scope = new CrawlScope(_seeds.Select(s => new Uri(s.Url)), options.Scope, prefix, options.Include, options.Exclude);
    }

    /// <summary>Called on the loop after each record is saved (for tests and displays; keep it short).</summary>
    public Action<CrawlRecord>? RecordWritten { get; init; }

    /// <summary>A snapshot of the crawl's progress (safe to read from any thread; approximate while it runs).</summary>
    public CrawlProgress Progress
    {
        get
        {
            var elapsed = _clock?.Elapsed ?? TimeSpan.Zero;
            var thisRun = _summary?.PagesThisRun ?? 0;
            return new CrawlProgress(_summary?.Pages ?? 0, thisRun, elapsed > TimeSpan.Zero ? thisRun / elapsed.TotalSeconds : 0,
                _summary?.Errors ?? 0, _frontier?.Queued ?? 0, _frontier?.InFlight ?? 0, elapsed);
        }
    }

    /// <summary>
    /// Asks the crawl to stop (from any thread): no new URL is started, the ones in flight finish and are recorded,
    /// and the state file keeps the rest for a resumed crawl.
    /// </summary>
    public void RequestStop()
    {
        lock (_stopLock)
        {
            _stopRequested = true;
            // On the loop's own thread stop at once; from another thread, ask the loop to.
            if (Environment.CurrentManagedThreadId == _loopThread) StopOnLoop();
            else _ = _handle?.InvokeAsync(StopOnLoop);
        }
    }

    /// <summary>
    /// How long the pages in flight at a stop may take to finish. Then they are cancelled and left unrecorded (a resumed
    /// crawl fetches them again): a page stuck in retries must not hold up Ctrl-C, and braid's command line gives an
    /// action two seconds after Ctrl-C before it ends the process.
    /// </summary>
    public static TimeSpan StopGrace { get; } = TimeSpan.FromSeconds(1);

    private void StopOnLoop()
    {
        if (_frontier is null || _crawlScope is null || _frontier.Stopping) return;
        _frontier.Stop();
        _crawlScope.Deadline = Loop.Now + StopGrace;
    }

    /// <summary>Runs a crawl on a new loop on this thread; <paramref name="cancellationToken"/> stops it as <see cref="RequestStop"/> does.</summary>
    public CrawlSummary Run(CancellationToken cancellationToken = default)
    {
        using var registration = cancellationToken.Register(RequestStop);
        return Loop.Run(RunAsync);
    }

    /// <summary>Runs the crawl on the current loop and returns its summary.</summary>
    public async Coroutine<CrawlSummary> RunAsync()
    {
        using var state = _options.StatePath is { } path ? (ICrawlState)SqliteCrawlState.Open(path, Identity()) : new MemoryCrawlState();
        var frontier = new CrawlFrontier(_options.MaxPages);
        var summary = new SummaryBuilder();
        CrawlResume.Restore(state, frontier, summary, _seeds);
        using var output = JsonlOutput.Open(_options.OutputPath);
        using var fetcher = new HttpFetcher(new FetchSettings(_options.UserAgent, _options.Timeout, _options.MaxBytes, _options.MaxRetries,
            _options.RetryBaseDelay, _options.MaxRetryAfter, _options.PerHost));
        var hosts = new HostTable(_options, fetcher);
        var page = new PageFetch(_options, fetcher, hosts, _scope, frontier);
        var writer = new RecordWriter(_options, _scope, frontier, summary, state, output, RecordWritten);
        (_frontier, _summary, _clock) = (frontier, summary, Stopwatch.StartNew());
        writer.Clock = _clock;
        var crawlScope = new CancelScope();
        lock (_stopLock)
        {
            _handle = Loop.OpenHandle();
            _loopThread = Environment.CurrentManagedThreadId;
            _crawlScope = crawlScope;
            if (_stopRequested) StopOnLoop();
        }
        try
        {
            await crawlScope.RunAsync(() => TaskGroup.RunAsync(group =>
            {
                var (toFetchers, fromFrontier) = MemoryChannel.Open<FrontierEntry>(0, "frontier");
                var (results, toWriter) = MemoryChannel.Open<FetchOutcome>(_options.Concurrency, "records");
                group.Spawn(() => frontier.DispatchAsync(toFetchers), "frontier");
                for (var i = 0; i < _options.Concurrency; i++)
                {
                    var (input, outputs) = (fromFrontier.Clone(), results.Clone());
                    group.Spawn(() => FetchLoop(page, input, outputs), $"fetcher {i}");
                }
                fromFrontier.Close();
                results.Close();
                group.Spawn(() => writer.RunAsync(toWriter), "writer");
                return Coroutine.CompletedCoroutine;
            }));
        }
        finally
        {
            lock (_stopLock)
            {
                _handle.Dispose();
                _handle = null;
                _loopThread = -1;
            }
            _clock.Stop();
            output?.Finish(_options.StatePath is null ? null : state);
        }
        var sitemaps = hosts.Gates.SelectMany(g => g.Robots?.Sitemaps ?? []).Distinct().ToList();
        return summary.Build(_clock.Elapsed, frontier.Queued, frontier.Stopping, sitemaps);
    }

    private static async Coroutine FetchLoop(PageFetch page, ChannelReceiver<FrontierEntry> input, ChannelSender<FetchOutcome> output)
    {
        try
        {
            await foreach (var entry in input) await output.Send(await page.RunAsync(entry));
        }
        finally
        {
            input.Close();
            output.Close();
        }
    }

    // What makes two runs the same crawl: where it starts and what it may follow. Limits may change between runs.
    private string Identity() =>
        $"seeds {string.Join(" ", _seeds.Select(s => s.Url))}; scope {_options.Scope}{(_options.ScopePrefix is { } p ? " " + p : "")}" +
        $"{(_options.Include is { } i ? "; include " + i : "")}{(_options.Exclude is { } e ? "; exclude " + e : "")}";
}
