namespace Braid.Benchmarks.Primitives;

/// <summary>What the three-stage pipeline did: each channel's statistics and the buffer levels sampled over time.</summary>
public sealed record PipelineRun(
    ChannelStatistics Raw, ChannelStatistics Cooked, TimeSpan Elapsed, int Consumed,
    IReadOnlyList<double> SampleMs, IReadOnlyList<double> RawBuffered, IReadOnlyList<double> CookedBuffered);

/// <summary>
/// The tour's pipeline: produce -> transform -> consume over two small bounded channels, on virtual time so its
/// timings are exact. The transform is the slowest stage, so the first channel fills and the producer is held back
/// (back-pressure, counted as sender parks), while the second channel runs nearly empty and the consumer waits.
/// </summary>
public static class Pipeline
{
    /// <summary>Runs the pipeline over <paramref name="items"/> items with the given per-item costs.</summary>
    public static PipelineRun Run(int items, int capacity = 4, double produceMs = 1, double transformMs = 3, double consumeMs = 2) =>
        Loop.Run(async () =>
        {
            var (rawTx, rawRx) = MemoryChannel.Open<int>(capacity, "raw");
            var (cookedTx, cookedRx) = MemoryChannel.Open<string>(capacity, "cooked");
            var samples = new List<double>();
            var rawLevels = new List<double>();
            var cookedLevels = new List<double>();
            var consumed = 0;
            await TaskGroup.RunAsync(group =>
            {
                group.Spawn(async () =>
                {
                    using (rawTx)
                    {
                        for (var i = 0; i < items; i++)
                        {
                            await Loop.Sleep(TimeSpan.FromMilliseconds(produceMs));
                            await rawTx.Send(i);
                        }
                    }
                }, "produce");
                group.Spawn(async () =>
                {
                    using (cookedTx)
                    {
                        await foreach (var item in rawRx)
                        {
                            await Loop.Sleep(TimeSpan.FromMilliseconds(transformMs));
                            await cookedTx.Send($"item {item} squared is {item * item}");
                        }
                    }
                }, "transform");
                group.Spawn(async () =>
                {
                    await foreach (var _ in cookedRx)
                    {
                        await Loop.Sleep(TimeSpan.FromMilliseconds(consumeMs));
                        consumed++;
                    }
                }, "consume");
                group.Spawn(async () =>
                {
                    while (!cookedRx.IsCompleted)
                    {
                        samples.Add(Loop.Now.TotalMilliseconds);
                        rawLevels.Add(rawRx.Statistics().Buffered);
                        cookedLevels.Add(cookedRx.Statistics().Buffered);
                        await Loop.Sleep(TimeSpan.FromMilliseconds(2));
                    }
                }, "sampler");
                return Coroutine.CompletedCoroutine;
            });
            return new PipelineRun(rawRx.Statistics(), cookedRx.Statistics(), Loop.Now, consumed, samples, rawLevels, cookedLevels);
        }, RunOptions.Deterministic(1));
}
