using Braid.MapReduce.Generators;
using Braid.MapReduce.Jobs;

namespace Braid.MapReduce.Tests;

/// <summary>On ASCII input, wordcount agrees exactly with <c>tr -cs 'A-Za-z0-9' '\n' | tr A-Z a-z | sort | uniq -c</c>.</summary>
public sealed class SortPipelineTests : IClassFixture<TestInputs>
{
    private readonly TestInputs _inputs;

    public SortPipelineTests(TestInputs inputs) => _inputs = inputs;

    [Fact]
    public async Task Fixture_MatchesRecordedSortPipelineOutput_AndTheCSharpReference()
    {
        var fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "sample.txt");
        // sample.uniq was made by running the sort pipeline on sample.txt once; the test needs no shell.
        var recorded = ReferenceWordCount.ParseUniqC(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sample.uniq")));
        var reference = ReferenceWordCount.SortPipeline(File.ReadAllBytes(fixture));
        Assert.Equal(recorded.OrderBy(p => p.Key, StringComparer.Ordinal), reference.OrderBy(p => p.Key, StringComparer.Ordinal));

        var result = await TestInputs.RunAsync(new WordCountJob(), fixture, TestInputs.Executor("processes"), 40);
        Assert.Equal(recorded.OrderBy(p => p.Key, StringComparer.Ordinal), result.Values.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task GeneratedAsciiInput_MatchesTheSortPipelineReference()
    {
        var file = _inputs.PathOf("ascii.txt");
        WordsGenerator.WriteFile(file, 2 << 20, 99);
        var result = await TestInputs.RunAsync(new WordCountJob(), file, TestInputs.Executor("threads"), 128 << 10);
        var reference = ReferenceWordCount.SortPipeline(File.ReadAllBytes(file));
        Assert.Equal(reference.OrderBy(p => p.Key, StringComparer.Ordinal), result.Values.OrderBy(p => p.Key, StringComparer.Ordinal));
    }
}
