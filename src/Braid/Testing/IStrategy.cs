namespace Braid.Testing;

/// <summary>
/// An exploration strategy (Coyote's ISchedulingStrategy): it decides, schedule after schedule, which runnable strand
/// runs at each choice point. One small class per strategy; the <see cref="Explorer"/> records the choices, so any
/// schedule a strategy produced replays without it.
/// </summary>
public interface IStrategy
{
    /// <summary>A short name for reports ("random", "pct(3)", "exhaustive(12)").</summary>
    string Name { get; }

    /// <summary>Prepares the next schedule; false when there is none left (an exhaustive search that has finished).</summary>
    bool NextSchedule();

    /// <summary>Picks one of <paramref name="runnable"/> (at least two) at choice point <paramref name="step"/> of this schedule.</summary>
    int NextChoice(IReadOnlyList<Strand> runnable, int step);
}
