namespace Braid.Problems.Tests;

/// <summary>
/// mk12/semaphores' proof, schedule by schedule: every solution keeps its rules under explored schedules (and on OS
/// threads), and every broken variant is caught, its saved schedule replaying the same violation.
/// </summary>
public class ProblemTests
{
    /// <summary>Schedules per correct solution in CI (the issue asks for at least 500).</summary>
    private const int Schedules = 500;

    public static TheoryData<string> Names() => new(LittleBook.All.Select(p => p.Name));

    public static TheoryData<string, string> Variants()
    {
        var data = new TheoryData<string, string>();
        foreach (var p in LittleBook.All)
        {
            foreach (var b in p.Broken) data.Add(p.Name, b.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void CorrectSolution_KeepsItsRules_UnderRandomAndPctSchedules(string name)
    {
        var problem = LittleBook.Find(name);
        var random = ProblemRunner.Explore(problem, null, new ExploreOptions { Strategy = new RandomWalk(1), Schedules = Schedules });
        Assert.True(random.Passed, $"{name}, random: {random.Failure?.Message}\n{Interleaving.Format(random.Trace)}");
        var pct = ProblemRunner.Explore(problem, null, new ExploreOptions { Strategy = new Pct(1, 3), Schedules = Schedules / 5 });
        Assert.True(pct.Passed, $"{name}, pct: {pct.Failure?.Message}\n{Interleaving.Format(pct.Trace)}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void CorrectSolution_KeepsItsRules_OnThreads(string name)
    {
        var report = ProblemRunner.RunOnThreads(LittleBook.Find(name), null, repetitions: 10, seed: 1);
        Assert.True(report.Violations == 0, $"{name} on threads: {report.FirstViolation}");
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void BrokenVariant_IsCaught_AndItsSavedScheduleReplaysTheViolation(string name, string variant)
    {
        var problem = LittleBook.Find(name);
        var report = Catch(problem, variant);
        Assert.False(report.Passed, $"{name}/{variant} was not caught in {report.Schedules} schedules");
        var file = Path.Combine(Path.GetTempPath(), $"braid-{name}-{variant}-{Environment.ProcessId}.schedule");
        try
        {
            report.Shrunk!.Save(file);
            var replay = ProblemRunner.Replay(problem, variant, Schedule.Load(file));
            Assert.Equal(report.Rule, replay.Rule);
            Assert.True(report.Shrunk.Choices.Count <= report.Found!.Choices.Count);
            Assert.Equal(report.Rule, ProblemRunner.Replay(problem, variant, report.Found).Rule);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Random walk first; PCT where a random walk takes long to find a deep bug.</summary>
    internal static ExplorationReport Catch(Problem problem, string variant)
    {
        var report = ProblemRunner.Explore(problem, variant, new ExploreOptions { Strategy = new RandomWalk(1), Schedules = 5_000 });
        return report.Passed ? ProblemRunner.Explore(problem, variant, new ExploreOptions { Strategy = new Pct(1, 3), Schedules = 5_000 }) : report;
    }

    [Fact]
    public void AViolation_NamesTheStepOfTheTraceWhereItsRuleBroke()
    {
        var problem = LittleBook.Find("readers-writers");
        var report = Catch(problem, "early-release");
        var step = ViolationException.Find(report.Failure)!.Step!.Value;
        var e = report.Trace[step];
        Assert.True(e.What.StartsWith("write in", StringComparison.Ordinal) || e.What.StartsWith("read in", StringComparison.Ordinal), e.ToString());
    }

    [Fact]
    public void AScheduleForAnotherProblem_IsRefused()
    {
        var schedule = new Schedule("mutex", 0, []);
        var e = Assert.Throws<ScheduleMismatchException>(() => ProblemRunner.Replay(LittleBook.Find("barrier"), null, schedule));
        Assert.Contains("'mutex'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownProblemsAndVariants_ListTheKnownOnes()
    {
        Assert.Contains("signaling", Assert.Throws<ArgumentException>(() => LittleBook.Find("nope")).Message, StringComparison.Ordinal);
        Assert.Contains("no-signal", Assert.Throws<ArgumentException>(() => ProblemRunner.Scenario(LittleBook.Find("signaling"), "nope")).Message, StringComparison.Ordinal);
    }
}
