namespace Braid.Testing;

/// <summary>Random walk: every choice uniform among the runnable strands, from one seeded generator.</summary>
public sealed class RandomWalk(int seed) : IStrategy
{
    private readonly Random _random = new(seed);

    /// <inheritdoc />
    public string Name => "random";

    /// <inheritdoc />
    public bool NextSchedule() => true;

    /// <inheritdoc />
    public int NextChoice(IReadOnlyList<Strand> runnable, int step) => _random.Next(runnable.Count);
}
