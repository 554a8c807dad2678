namespace Braid.Testing;

/// <summary>
/// Bounded exhaustive search: a depth-first walk over every schedule's first <c>bound</c> choice points (later
/// choices take the first runnable strand). Each schedule replays the previous one's prefix and takes the next
/// alternative at the deepest choice point that has one, so every distinct schedule within the bound runs once.
/// </summary>
public sealed class BoundedExhaustive(int bound = int.MaxValue) : IStrategy
{
    // The current schedule's choice points within the bound: the choice taken and how many there were.
    private readonly List<(int Choice, int Count)> _path = new();
    private bool _started;

    /// <inheritdoc />
    public string Name => bound == int.MaxValue ? "exhaustive" : $"exhaustive({bound})";

    /// <summary>True once every schedule within the bound has been run.</summary>
    public bool Finished { get; private set; }

    /// <summary>True when some schedule had more choice points than the bound (so the search is not complete).</summary>
    public bool HitBound { get; private set; }

    /// <inheritdoc />
    public bool NextSchedule()
    {
        if (!_started) return _started = true;
        while (_path.Count > 0 && _path[^1].Choice == _path[^1].Count - 1) _path.RemoveAt(_path.Count - 1);
        if (_path.Count == 0)
        {
            Finished = true;
            return false;
        }
        _path[^1] = (_path[^1].Choice + 1, _path[^1].Count);
        return true;
    }

    /// <inheritdoc />
    public int NextChoice(IReadOnlyList<Strand> runnable, int step)
    {
        if (step < _path.Count) return Math.Min(_path[step].Choice, runnable.Count - 1);
        if (step >= bound)
        {
            HitBound = true;
            return 0;
        }
        _path.Add((0, runnable.Count));
        return 0;
    }
}
