namespace Braid.Testing;

/// <summary>
/// Probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte, ASPLOS 2010): each strand gets a
/// random priority when first seen and the highest-priority runnable strand always runs, except at
/// <c>depth - 1</c> change points, chosen at random among the schedule's steps, where the strand about to run drops
/// to the lowest priority. A bug of depth d is found with probability at least 1/(n k^(d-1)) per schedule.
/// </summary>
public sealed class Pct : IStrategy
{
    private readonly Random _random;
    private readonly int _depth;
    private readonly List<int> _priority = new(); // strand ids, highest priority first
    private readonly HashSet<int> _changePoints = new();
    private int _steps = 16; // the longest schedule seen so far: where change points may fall
    private int _lastStep;

    /// <summary>Creates PCT with bug depth <paramref name="depth"/> (at least 1: d - 1 priority change points).</summary>
    public Pct(int seed, int depth = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        _random = new Random(seed);
        _depth = depth;
    }

    /// <inheritdoc />
    public string Name => $"pct({_depth})";

    /// <inheritdoc />
    public bool NextSchedule()
    {
        _steps = Math.Max(_steps, _lastStep + 1);
        _lastStep = 0;
        _priority.Clear();
        _changePoints.Clear();
        for (var i = 1; i < _depth; i++) _changePoints.Add(_random.Next(_steps));
        return true;
    }

    /// <inheritdoc />
    public int NextChoice(IReadOnlyList<Strand> runnable, int step)
    {
        _lastStep = step;
        foreach (var strand in runnable)
        {
            if (!_priority.Contains(strand.Id)) _priority.Insert(_random.Next(_priority.Count + 1), strand.Id);
        }
        var best = Highest(runnable);
        if (_changePoints.Contains(step))
        {
            _priority.Remove(runnable[best].Id);
            _priority.Add(runnable[best].Id);
            best = Highest(runnable);
        }
        return best;
    }

    private int Highest(IReadOnlyList<Strand> runnable)
    {
        var best = 0;
        var rank = int.MaxValue;
        for (var i = 0; i < runnable.Count; i++)
        {
            var r = _priority.IndexOf(runnable[i].Id);
            if (r < rank) (best, rank) = (i, r);
        }
        return best;
    }
}
