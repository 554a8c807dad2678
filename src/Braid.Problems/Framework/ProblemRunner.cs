using System.Diagnostics;

namespace Braid.Problems;

/// <summary>Runs a problem: explored schedule by schedule on coroutines, or repeated on OS threads.</summary>
public static class ProblemRunner
{
    /// <summary>The problem (or its broken <paramref name="variant"/>) as a scenario for the <see cref="Explorer"/>: run, then check.</summary>
    public static Func<Coroutine> Scenario(Problem problem, string? variant = null)
    {
        LittleBook.CheckVariant(problem, variant);
        return async () =>
        {
            World? world = null;
            await TaskGroup.RunAsync(group =>
            {
                world = World.OnCoroutines(variant, group);
                problem.Start(world);
                return Coroutine.CompletedCoroutine;
            });
            problem.Check(world!.Log);
        };
    }

    /// <summary>The name a schedule of this problem is saved under ("barbershop" or "barbershop/no-capacity").</summary>
    public static string ScenarioName(Problem problem, string? variant) => variant is null ? problem.Name : $"{problem.Name}/{variant}";

    /// <summary>Explores schedules of the problem on coroutines.</summary>
    public static ExplorationReport Explore(Problem problem, string? variant, ExploreOptions options) =>
        Explorer.Run(Scenario(problem, variant), options with { Scenario = ScenarioName(problem, variant) });

    /// <summary>
    /// Replays a saved schedule; throws <see cref="ScheduleMismatchException"/> when it was saved for another
    /// problem or does not fit this one.
    /// </summary>
    public static ReplayResult Replay(Problem problem, string? variant, Schedule schedule)
    {
        var name = ScenarioName(problem, variant);
        if (schedule.Scenario is { } saved && saved != name)
        {
            throw new ScheduleMismatchException($"the schedule is for '{saved}', not '{name}'");
        }
        return Explorer.Replay(Scenario(problem, variant), schedule);
    }

    /// <summary>
    /// Runs the problem <paramref name="repetitions"/> times on OS threads, with random yields at every operation;
    /// counts runs that broke a rule or did not finish within <paramref name="limit"/> (a deadlock, on threads).
    /// </summary>
    public static ThreadRunReport RunOnThreads(Problem problem, string? variant, int repetitions, int seed, TimeSpan? limit = null)
    {
        LittleBook.CheckVariant(problem, variant);
        var clock = Stopwatch.StartNew();
        var violations = 0;
        string? first = null;
        for (var r = 0; r < repetitions; r++)
        {
            var world = World.OnThreads(variant);
            problem.Start(world);
            var failures = new List<Exception>();
            string? broken = null;
            if (!world.RunThreads(seed + r, limit ?? TimeSpan.FromSeconds(10), failures)) broken = "progress: no deadlock: threads still running after the time limit";
            else if (failures.Count > 0) broken = $"{ViolationException.RuleOf(failures[0])}: {failures[0].Message}";
            else
            {
                try
                {
                    problem.Check(world.Log);
                }
                catch (ViolationException v)
                {
                    broken = v.Message;
                }
            }
            if (broken is null) continue;
            violations++;
            first ??= broken;
            if (broken.StartsWith("progress", StringComparison.Ordinal)) break; // its threads are stuck: do not pile up more
        }
        return new ThreadRunReport(repetitions, violations, first, clock.Elapsed);
    }
}

/// <summary>What runs on OS threads found.</summary>
/// <param name="Runs">Repetitions asked for.</param>
/// <param name="Violations">Runs that broke a rule or did not finish.</param>
/// <param name="FirstViolation">The first one, described; null when none.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record ThreadRunReport(int Runs, int Violations, string? FirstViolation, TimeSpan Elapsed);
