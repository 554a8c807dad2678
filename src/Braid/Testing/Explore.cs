namespace Braid.Testing;

/// <summary>
/// Explores interleavings: runs a scenario once per seed in deterministic mode (seeded scheduler, virtual clock) and
/// stops at the first run that fails, keeping its seed and trace so the failure can be replayed exactly.
/// </summary>
public static class Explore
{
    /// <summary>
    /// Runs <paramref name="scenario"/> under seeds <paramref name="firstSeed"/>, <paramref name="firstSeed"/>+1, ... up to
    /// <paramref name="count"/> runs. A run fails when it throws: an assertion, a deadlock, an unexpected exception.
    /// </summary>
    public static Exploration Seeds(Func<Coroutine> scenario, int count = 100, int firstSeed = 0)
    {
        for (var seed = firstSeed; seed < firstSeed + count; seed++)
        {
            var (failure, trace) = Replay(scenario, seed);
            if (failure is not null) return new Exploration(seed - firstSeed + 1, seed, failure, trace);
        }
        return new Exploration(count, null, null, []);
    }

    /// <summary>Runs <paramref name="scenario"/> once under <paramref name="seed"/>; returns its failure (or null) and its trace.</summary>
    public static (Exception? Failure, IReadOnlyList<string> Trace) Replay(Func<Coroutine> scenario, int seed)
    {
        var trace = new TraceRecorder();
        try
        {
            Loop.Run(scenario, RunOptions.Deterministic(seed, trace));
            return (null, trace.Lines);
        }
        catch (Exception e)
        {
            return (e, trace.Lines);
        }
    }
}

/// <summary>What an exploration found: how many runs, and the first failing seed with its failure and trace.</summary>
/// <param name="Runs">Runs made (up to and including the failing one).</param>
/// <param name="FailingSeed">The first seed whose run failed, or null if every run passed.</param>
/// <param name="Failure">That run's exception.</param>
/// <param name="Trace">That run's trace, for replay and diagnosis.</param>
public sealed record Exploration(int Runs, int? FailingSeed, Exception? Failure, IReadOnlyList<string> Trace)
{
    /// <summary>True when every run passed.</summary>
    public bool Passed => FailingSeed is null;

    /// <summary>Throws, naming the failing seed, if a run failed: for tests that assert a scenario is safe under every seed.</summary>
    public void ThrowIfFailed()
    {
        if (Failure is not null)
        {
            throw new InvalidOperationException($"Seed {FailingSeed} fails (replay it with Explore.Replay(scenario, {FailingSeed})): {Failure.Message}", Failure);
        }
    }
}
