using Braid.Problems.Bench;

namespace Braid.Problems.Tests;

/// <summary>The explorer benchmark's programs: the correct forms keep their rules, the buggy forms are caught, by both strategies.</summary>
public class BenchProgramsTests
{
    public static TheoryData<string> Programs() => new(BenchPrograms.All.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(Programs))]
    public void BuggyIsFound_CorrectPasses(string name)
    {
        var program = BenchPrograms.All.Single(p => p.Name == name);
        foreach (IStrategy strategy in new IStrategy[] { new RandomWalk(3), new Pct(3, 4) })
        {
            Assert.False(Explorer.Run(program.Buggy, new ExploreOptions { Strategy = strategy, Schedules = 5_000, Shrink = false }).Passed);
        }
        foreach (IStrategy strategy in new IStrategy[] { new RandomWalk(3), new Pct(3, 4) })
        {
            var report = Explorer.Run(program.Correct, new ExploreOptions { Strategy = strategy, Schedules = 500 });
            Assert.True(report.Passed, report.Failure?.Message);
        }
    }

    [Fact]
    public void CoyoteResults_AreReadFromTheDriversLines()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(file,
            [
                "# Coyote 1.7.11.0",
                "program strategy iters_to_bug_mean iters_to_bug_median min max found/seeds first_bug | correct:iters secs sched/s steps/iter bugs_in_correct",
                "dining-philosophers random 46.1 35 1 172 30/30 \"Deadlock detected.\" | 10000 13.34 750 31.0 0",
            ]);
            var notes = new List<string>();
            var figures = CoyoteResults.Load(file, notes);
            Assert.Equal((46.1, 750.0), figures[("dining-philosophers", "random")]);
            Assert.Single(figures);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
