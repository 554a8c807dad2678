using Braid.MapReduce.Jobs;

namespace Braid.MapReduce.Orleans.Tests;

/// <summary>Word count and logs on a three-silo cluster give exactly the inline executor's result, in both input modes.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterAgreementTests(ThreeSilos silos, TestFiles files)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WordCount_OnThreeSilos_EqualsInline(bool sendBytes)
    {
        var executor = silos.Cluster.Executor(sendBytes);
        Assert.Equal(3, executor.Silos.Count);
        var (inline, cluster) = await Clusters.RunBothAsync(new WordCountJob(), files.Words("words.txt"), executor, TestFiles.ChunkSize);
        Assert.Equal(Sorted(inline.Values), Sorted(cluster.Values));
        Assert.Equal(inline.Stats.Chunks, cluster.Stats.Chunks);
        Assert.Equal(0, cluster.Stats.Retries);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Logs_OnThreeSilos_EqualsInline(bool sendBytes)
    {
        var file = files.Logs("access.log");
        var (inline, cluster) = await Clusters.RunBothAsync(new LogsJob(), file, silos.Cluster.Executor(sendBytes), TestFiles.ChunkSize);
        Assert.Equal(Sorted(inline.Values), Sorted(cluster.Values));
        // The report, malformed lines and their line numbers included, is the same text.
        Assert.Equal(Report(inline.Values, file), Report(cluster.Values, file));
    }

    [Fact]
    public void Slots_AreSpreadOverEverySilo()
    {
        // Two slots a silo: the first three go one to each silo before any silo gets a second.
        var executor = OrleansExecutor.Create(silos.Cluster.Connection.Client, slotsPerSilo: 2);
        Assert.Equal(6, executor.Workers);
        Assert.Equal(3, executor.Silos.Distinct().Count());
    }

    internal static IEnumerable<KeyValuePair<string, long>> Sorted(IReadOnlyDictionary<string, long> values) =>
        values.OrderBy(p => p.Key, StringComparer.Ordinal);

    private static string Report(IReadOnlyDictionary<string, long> values, string file)
    {
        using var writer = new StringWriter();
        LogReport.From(values, 10, [file]).Write(writer);
        return writer.ToString();
    }
}
