using System.Diagnostics;

namespace Braid.Testing;

/// <summary>
/// The schedule explorer: runs a scenario again and again in deterministic mode (virtual time, and an
/// <see cref="IStrategy"/> choosing which runnable strand runs at each turn), records each run's schedule, and stops
/// at the first run that fails. The failing schedule is shrunk to a shorter one that still breaks the same rule,
/// replayed once more with an <see cref="Interleaving"/> recorder for the report, and can be saved and replayed.
///
/// What it knows: the scenario (a function that builds fresh state and runs it; it fails by throwing) and the choice
/// points the kernel offers through <see cref="IScheduleChooser"/>. What it never knows: the kernel's internals.
/// </summary>
public static class Explorer
{
    /// <summary>Explores up to <paramref name="options"/>.Schedules schedules of <paramref name="scenario"/>.</summary>
    public static ExplorationReport Run(Func<Coroutine> scenario, ExploreOptions? options = null)
    {
        options ??= new ExploreOptions();
        var strategy = options.Strategy ?? new RandomWalk(options.Seed);
        var clock = Stopwatch.StartNew();
        var runs = 0;
        while (runs < options.Schedules && strategy.NextSchedule())
        {
            runs++;
            var chooser = new RecordingChooser(strategy, options.MaxSteps);
            var failure = RunOnce(scenario, chooser, options.Seed, null);
            if (failure is null) continue;
            var elapsed = clock.Elapsed;
            var found = new Schedule(options.Scenario, options.Seed, chooser.Choices).Trimmed();
            var rule = ViolationException.RuleOf(failure);
            var shrunk = options.Shrink ? Shrink(scenario, found, rule, options.ShrinkBudget) : found;
            var replay = Replay(scenario, shrunk);
            return new ExplorationReport(strategy.Name, runs, elapsed, false, replay.Failure ?? failure, rule, found, shrunk, replay.Trace);
        }
        var complete = strategy is BoundedExhaustive { Finished: true, HitBound: false };
        return new ExplorationReport(strategy.Name, runs, clock.Elapsed, complete, null, null, null, null, []);
    }

    /// <summary>
    /// Runs <paramref name="scenario"/> once under <paramref name="schedule"/>, recording its interleaving. Throws
    /// <see cref="ScheduleMismatchException"/> when the schedule does not fit the scenario.
    /// </summary>
    public static ReplayResult Replay(Func<Coroutine> scenario, Schedule schedule)
    {
        var chooser = new ReplayChooser(schedule.Choices, strict: true);
        var recorder = new Interleaving();
        var failure = RunOnce(scenario, chooser, schedule.Seed, recorder);
        if (failure is ScheduleMismatchException mismatch) throw mismatch;
        if (chooser.Taken.Count < schedule.Choices.Count)
        {
            throw new ScheduleMismatchException($"the schedule does not fit: it has {schedule.Choices.Count} choices, but the run made only {chooser.Taken.Count}");
        }
        return new ReplayResult(failure, failure is null ? null : ViolationException.RuleOf(failure), recorder.Events);
    }

    /// <summary>
    /// Shrinks a failing schedule (delta debugging over its choices: cut the tail, delete chunks, zero chunks) to a
    /// schedule no longer than it that still breaks <paramref name="rule"/>, within <paramref name="budget"/> runs.
    /// </summary>
    public static Schedule Shrink(Func<Coroutine> scenario, Schedule failing, string rule, int budget = 400)
    {
        var best = failing.Trimmed();
        bool Try(IReadOnlyList<int> candidate)
        {
            if (budget-- <= 0) return false;
            var chooser = new ReplayChooser(candidate, strict: false);
            var failure = RunOnce(scenario, chooser, best.Seed, null);
            if (failure is null || ViolationException.RuleOf(failure) != rule) return false;
            var found = (best with { Choices = chooser.Taken }).Trimmed();
            if (!Smaller(found.Choices, best.Choices)) return false;
            best = found;
            return true;
        }
        // The shortest failing prefix, trying short ones first.
        for (var n = 0; n < best.Choices.Count && budget > 0; n = n == 0 ? 1 : n * 2)
        {
            if (Try(best.Choices.Take(n).ToArray())) break;
        }
        for (var chunk = Math.Max(1, best.Choices.Count / 2); chunk >= 1 && budget > 0; chunk /= 2)
        {
            for (var start = 0; start < best.Choices.Count && budget > 0;)
            {
                var c = best.Choices;
                var end = Math.Min(c.Count, start + chunk);
                if (Try([.. c.Take(start), .. c.Skip(end)])) continue;
                if (c.Skip(start).Take(end - start).Any(x => x != 0) && Try([.. c.Take(start), .. Enumerable.Repeat(0, end - start), .. c.Skip(end)])) continue;
                start += chunk;
            }
        }
        return best;
    }

    private static bool Smaller(IReadOnlyList<int> a, IReadOnlyList<int> b) =>
        a.Count != b.Count ? a.Count < b.Count : a.Sum() < b.Sum();

    private static Exception? RunOnce(Func<Coroutine> scenario, IScheduleChooser chooser, int seed, Interleaving? recorder)
    {
        using var active = recorder?.Activate();
        try
        {
            Loop.Run(scenario, new RunOptions { Seed = seed, VirtualTime = true, Chooser = chooser, Listener = recorder });
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}

/// <summary>How the explorer runs: strategy, how many schedules, seed, shrinking.</summary>
public sealed record ExploreOptions
{
    /// <summary>The strategy; null for a random walk seeded with <see cref="Seed"/>.</summary>
    public IStrategy? Strategy { get; init; }

    /// <summary>The most schedules to run (default 1,000).</summary>
    public int Schedules { get; init; } = 1_000;

    /// <summary>The seed of the runs' own random choices (select) and of the default random walk.</summary>
    public int Seed { get; init; }

    /// <summary>The scenario's name, written into saved schedules.</summary>
    public string? Scenario { get; init; }

    /// <summary>The most choice points in one schedule before the run counts as a livelock (default 100,000).</summary>
    public int MaxSteps { get; init; } = 100_000;

    /// <summary>Whether to shrink a failing schedule (default true).</summary>
    public bool Shrink { get; init; } = true;

    /// <summary>The most runs shrinking may make (default 400).</summary>
    public int ShrinkBudget { get; init; } = 400;
}

/// <summary>A replay's outcome: its failure and the rule it broke (null when it passed), and its interleaving.</summary>
/// <param name="Failure">The run's exception, or null.</param>
/// <param name="Rule">The rule broken, or null.</param>
/// <param name="Trace">Who did what, in order.</param>
public sealed record ReplayResult(Exception? Failure, string? Rule, IReadOnlyList<TraceEvent> Trace);

/// <summary>What an exploration found.</summary>
/// <param name="Strategy">The strategy's name.</param>
/// <param name="Schedules">Schedules run (up to and including the failing one).</param>
/// <param name="Elapsed">Time spent exploring (not shrinking).</param>
/// <param name="Complete">True when an exhaustive search covered every schedule (no bound hit) and all passed.</param>
/// <param name="Failure">The failing run's exception, or null.</param>
/// <param name="Rule">The rule it broke, or null.</param>
/// <param name="Found">The failing schedule as found.</param>
/// <param name="Shrunk">The failing schedule after shrinking (no longer than <paramref name="Found"/>).</param>
/// <param name="Trace">The interleaving of the shrunk schedule's run.</param>
public sealed record ExplorationReport(
    string Strategy, int Schedules, TimeSpan Elapsed, bool Complete, Exception? Failure, string? Rule,
    Schedule? Found, Schedule? Shrunk, IReadOnlyList<TraceEvent> Trace)
{
    /// <summary>True when no schedule failed.</summary>
    public bool Passed => Failure is null;

    /// <summary>Schedules per second while exploring.</summary>
    public double SchedulesPerSecond => Schedules / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
