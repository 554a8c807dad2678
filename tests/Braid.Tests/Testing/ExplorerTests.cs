namespace Braid.Tests.Testing;

public class ExplorerTests
{
    /// <summary>n strands of k yields each, main parked until the last finishes: (n(k+1))! / ((k+1)!)^n interleavings.</summary>
    private static Func<Coroutine> Independent(int strands, int yields) => async () =>
    {
        var done = new Event();
        var left = strands;
        for (var s = 0; s < strands; s++)
        {
            Loop.Spawn(async () =>
            {
                for (var i = 0; i < yields; i++) await Loop.Yield();
                if (--left == 0) done.Set();
            }, $"s{s}");
        }
        await done.Wait();
    };

    [Theory]
    [InlineData(2, 1, 6)]
    [InlineData(2, 2, 20)]
    [InlineData(3, 1, 90)]
    public void Exhaustive_CoversEveryInterleaving_Exactly(int strands, int yields, int expected)
    {
        var strategy = new BoundedExhaustive();
        var report = Explorer.Run(Independent(strands, yields), new ExploreOptions { Strategy = strategy, Schedules = 100_000 });
        Assert.True(report.Passed);
        Assert.Equal(expected, report.Schedules);
        Assert.True(report.Complete);
    }

    /// <summary>A lost update: read, yield, write. Two strands lose one when both read before either writes.</summary>
    private static async Coroutine LostUpdate()
    {
        var counter = 0;
        var done = 0;
        var finished = new Event();
        for (var s = 0; s < 3; s++)
        {
            Loop.Spawn(async () =>
            {
                for (var i = 0; i < 3; i++)
                {
                    var seen = counter;
                    Interleaving.Note($"reads {seen}");
                    await Loop.Yield();
                    counter = seen + 1;
                    Interleaving.Note($"writes {seen + 1}");
                }
                if (++done == 3) finished.Set();
            }, $"adder-{s}");
        }
        await finished.Wait();
        if (counter != 9) throw new ViolationException("no update is lost", $"counter is {counter}, not 9");
    }

    public static TheoryData<string> Strategies => new() { "random", "pct", "exhaustive" };

    private static IStrategy Make(string name) => name switch
    {
        "random" => new RandomWalk(1),
        "pct" => new Pct(1, 3),
        _ => new BoundedExhaustive(),
    };

    [Theory]
    [MemberData(nameof(Strategies))]
    public void EveryStrategy_FindsTheLostUpdate_AndItsScheduleReplays(string name)
    {
        var report = Explorer.Run(LostUpdate, new ExploreOptions { Strategy = Make(name), Schedules = 10_000, Scenario = "lost-update" });
        Assert.False(report.Passed);
        Assert.Equal("no update is lost", report.Rule);
        Assert.True(report.Shrunk!.Choices.Count <= report.Found!.Choices.Count);
        Assert.Contains(report.Trace, e => e.What.StartsWith("reads", StringComparison.Ordinal));

        var file = Path.GetTempFileName();
        try
        {
            report.Shrunk.Save(file);
            var loaded = Schedule.Load(file);
            Assert.Equal(report.Shrunk.Choices, loaded.Choices);
            Assert.Equal("no update is lost", Explorer.Replay(LostUpdate, loaded).Rule);
            Assert.Equal("no update is lost", Explorer.Replay(LostUpdate, report.Found).Rule);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Shrinking_GivesANoLongerScheduleThatStillFails()
    {
        var report = Explorer.Run(LostUpdate, new ExploreOptions { Strategy = new RandomWalk(7), Shrink = false });
        var shrunk = Explorer.Shrink(LostUpdate, report.Found!, report.Rule!);
        Assert.True(shrunk.Choices.Count <= report.Found!.Choices.Count);
        Assert.Equal(report.Rule, Explorer.Replay(LostUpdate, shrunk).Rule);
    }

    [Fact]
    public void AScheduleThatDoesNotFit_IsReportedClearly()
    {
        var tooLong = new Schedule(null, 0, Enumerable.Repeat(1, 500).ToArray());
        var e = Assert.Throws<ScheduleMismatchException>(() => Explorer.Replay(Independent(2, 1), tooLong));
        Assert.Contains("does not fit", e.Message, StringComparison.Ordinal);
        var outOfRange = new Schedule(null, 0, [5]);
        Assert.Throws<ScheduleMismatchException>(() => Explorer.Replay(Independent(2, 1), outOfRange));
    }

    [Fact]
    public void Replay_IsExact_SameTraceTwice()
    {
        var report = Explorer.Run(LostUpdate, new ExploreOptions { Strategy = new Pct(3, 2), Shrink = false });
        var a = Explorer.Replay(LostUpdate, report.Found!).Trace;
        var b = Explorer.Replay(LostUpdate, report.Found!).Trace;
        Assert.Equal(a, b);
    }
}
