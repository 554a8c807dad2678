using Braid.Reporting;
using Braid.Reporting.Tour;

namespace Braid.Benchmarks.Primitives;

/// <summary>The tour's "queues" section: a three-stage pipeline over channels, back-pressure in its statistics, and channel throughput.</summary>
public sealed class QueuesTourSection : ITourSection
{
    /// <inheritdoc />
    public string Id => "queues";

    /// <inheritdoc />
    public string Title => "Queues: share memory by communicating";

    /// <inheritdoc />
    public Task<Section> RunAsync(TourContext context, CancellationToken cancellationToken)
    {
        var items = context.Quick ? 60 : 200;
        context.Progress.Report($"a pipeline of {items} items through two bounded channels, on virtual time", 0);
        var run = Pipeline.Run(items);
        var section = new Section(Title)
            .Text("Three strands joined by two bounded channels (capacity 4): produce (1 ms an item) -> transform (3 ms) -> "
                + "consume (2 ms), on virtual time. The transform is the bottleneck: the first channel fills and the producer is "
                + "parked by back-pressure, the second runs almost empty and the consumer waits for work.")
            .Code("""
                var (rawTx, rawRx) = MemoryChannel.Open<int>(4, "raw");
                var (cookedTx, cookedRx) = MemoryChannel.Open<string>(4, "cooked");
                produce:   for (...) { await Loop.Sleep(1 ms); await rawTx.Send(i); }   rawTx.Close();
                transform: await foreach (var i in rawRx) { await Loop.Sleep(3 ms); await cookedTx.Send(...); }   cookedTx.Close();
                consume:   await foreach (var s in cookedRx) await Loop.Sleep(2 ms);
                """)
            .Table(["channel", "sent", "received", "sender parks (back-pressure)", "receiver parks (starved)"],
            [
                Row(run.Raw),
                Row(run.Cooked),
            ]);
        var plot = Charts.Lines(context.PlotPath(Id, "buffers"), "Items waiting in each channel", "virtual time (ms)", "items buffered",
        [
            new Series("raw (before the slow transform)", run.SampleMs, run.RawBuffered),
            new Series("cooked (after it)", run.SampleMs, run.CookedBuffered),
        ]);
        section.Figure(plot, "The raw channel sits full (the producer waits on it); the cooked channel stays near empty.");
        var rate = run.Consumed / run.Elapsed.TotalSeconds;
        section.Text($"{run.Consumed} items in {run.Elapsed.TotalMilliseconds:0} ms of virtual time: {rate:0} items/s, the transform's pace "
            + $"(1 item per 3 ms = 333/s), not the producer's. The producer was parked {run.Raw.SenderParks} times.");

        var n = context.Quick ? 300_000 : 1_000_000;
        context.Progress.Report($"{n:N0} items through a Braid channel", 0.2);
        var braid = Measure.Rate(n, 5, () => BraidBenches.Channel(n, 1024, 1, 1));
        context.Progress.Report($"{n:N0} items through a System.Threading.Channels channel", 0.6);
        var stc = Measure.Rate(n, 5, () => DotNetBaselines.Channel(n, 1024, 1, 1, singleThread: true));
        section.Text($"Throughput, one producer and one consumer on one thread through a bounded(1024) channel: Braid {Numbers.Format(braid)} items/s, "
            + $"System.Threading.Channels on a single-thread context {Numbers.Format(stc)} items/s ({braid / stc:0.0}x). Full suite: braid bench primitives.");
        section.Headline("producer parks by back-pressure", run.Raw.SenderParks.ToString());
        section.Headline("pipeline pace", $"{rate:0} items/s (transform-bound: 333/s)");
        section.Headline("channel 1p/1c vs STC one thread", $"{braid / stc:0.0}x ({Numbers.Format(braid)} items/s)");
        return Task.FromResult(section);
    }

    private static IReadOnlyList<string> Row(ChannelStatistics s) =>
        [s.Name, s.Sent.ToString(), s.Received.ToString(), s.SenderParks.ToString(), s.ReceiverParks.ToString()];
}
