namespace Braid.Problems;

/// <summary>
/// One thing an actor did: who, what, and a number (a seat, a fork, a phase) if it has one; <paramref name="Step"/> is
/// its step in the recorded interleaving (-1 when none is recorded), so a violation names the line of the trace.
/// </summary>
internal readonly record struct Ev(int Seq, string Who, string What, int Arg, bool HasArg, int Step)
{
    public override string ToString() => (Step >= 0 ? $"step {Step}: " : $"#{Seq} ") + (HasArg ? $"{Who} {What} {Arg}" : $"{Who} {What}");
}

/// <summary>
/// The run's event log (the koans' injected log): actors append what they do, the checker reads it afterwards. On
/// threads appends take a lock, so the log's order is the order the events happened.
/// </summary>
internal sealed class EventLog
{
    private readonly List<Ev> _events = new();

    public IReadOnlyList<Ev> Events => _events;

    public void Add(string who, string what, int? arg, int step)
    {
        lock (_events) _events.Add(new Ev(_events.Count, who, what, arg ?? 0, arg is not null, step));
    }

    public IEnumerable<Ev> Of(string what) => _events.Where(e => e.What == what);

    public int Count(string what) => _events.Count(e => e.What == what);

    /// <summary>Throws a violation of <paramref name="rule"/> unless <paramref name="ok"/>.</summary>
    public static void Require(bool ok, string rule, Func<string> detail)
    {
        if (!ok) throw new ViolationException(rule, detail());
    }

    /// <summary>Throws a violation of <paramref name="rule"/> at event <paramref name="at"/> (its step marks the picture) unless <paramref name="ok"/>.</summary>
    public static void Require(bool ok, string rule, Ev at, Func<string> detail)
    {
        if (!ok) throw new ViolationException(rule, detail(), at.Step >= 0 ? at.Step : null);
    }

    /// <summary>
    /// Walks the log keeping a count per kind of occupant: <paramref name="step"/> maps an event to (kind, +1/-1) or
    /// null, and <paramref name="check"/> sees the counts after each change (kind index → how many inside).
    /// </summary>
    public void Occupancy(Func<Ev, (int Kind, int Delta)?> step, Action<int[], Ev> check, int kinds = 1)
    {
        var inside = new int[kinds];
        foreach (var e in _events)
        {
            if (step(e) is not { } s) continue;
            inside[s.Kind] += s.Delta;
            check(inside, e);
        }
    }

    /// <summary>Never more than <paramref name="max"/> between an <paramref name="enter"/> and its <paramref name="leave"/>.</summary>
    public void AtMost(int max, string enter, string leave, string rule) =>
        Occupancy(e => e.What == enter ? (0, 1) : e.What == leave ? (0, -1) : null,
            (n, e) => Require(n[0] <= max, rule, e, () => $"{n[0]} inside after {e}"));

    /// <summary>Never an occupant of both kinds inside at once: kind 0 enters/leaves with the first pair, kind 1 with the second.</summary>
    public void NeverBoth(string enter0, string leave0, string enter1, string leave1, string rule) =>
        Occupancy(e => e.What == enter0 ? (0, 1) : e.What == leave0 ? (0, -1) : e.What == enter1 ? (1, 1) : e.What == leave1 ? (1, -1) : null,
            (n, e) => Require(n[0] == 0 || n[1] == 0, rule, e, () => $"{n[0]} and {n[1]} inside after {e}"), kinds: 2);

    /// <summary>Every event <paramref name="what"/> happened <paramref name="expected"/> times (progress: everyone finished).</summary>
    public void Happened(string what, int expected, string rule) =>
        Require(Count(what) == expected, rule, () => $"'{what}' happened {Count(what)} times, not {expected}");
}
