namespace Braid.Extensibility;

/// <summary>
/// The scheduling hook of deterministic mode: at every turn where more than one strand is runnable, the kernel asks
/// the chooser which one runs. The explorer (<see cref="Braid.Testing.Explorer"/>) plugs its strategies in here; the
/// kernel knows nothing of strategies, schedules or replay.
/// </summary>
public interface IScheduleChooser
{
    /// <summary>
    /// Picks the strand to run next. <paramref name="runnable"/> holds at least two strands, in the order they became
    /// runnable (so the same schedule sees the same list); returns an index into it.
    /// </summary>
    int Choose(IReadOnlyList<Strand> runnable);
}
