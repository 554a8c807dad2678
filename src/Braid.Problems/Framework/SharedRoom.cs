namespace Braid.Problems;

/// <summary>
/// A room (a bathroom, a rope, a path) that two kinds share but never at once (6.2, 6.3): a lightswitch per kind
/// on one <c>empty</c> semaphore, a multiplex per kind for the capacity, and, when fair, a turnstile that a waiting
/// kind holds so the other cannot starve it.
/// </summary>
internal sealed class SharedRoom
{
    private readonly World _w;
    private readonly Sem _empty, _turnstile;
    private readonly Lightswitch[] _switches;
    private readonly Sem[] _multiplex;
    private readonly bool _fair;

    public SharedRoom(World w, int capacity, bool fair = true, bool oneSwitch = false)
    {
        _w = w;
        _fair = fair;
        _empty = w.Semaphore(1, "empty");
        _turnstile = w.Semaphore(1, "turnstile");
        var first = new Lightswitch(w, "switch0");
        _switches = [first, oneSwitch ? first : new Lightswitch(w, "switch1")];
        _multiplex = [w.Semaphore(capacity, "multiplex0"), w.Semaphore(capacity, "multiplex1")];
    }

    /// <summary>Goes in as <paramref name="kind"/> (0 or 1), stays a moment, comes out: noted "in"/"out" with the kind.</summary>
    public async Coroutine Use(int kind)
    {
        if (_fair) await _turnstile.Wait();
        await _switches[kind].Lock(_empty);
        if (_fair) _turnstile.Signal();
        await _multiplex[kind].Wait();
        _w.Note("in", kind);
        await _w.Yield();
        _w.Note("out", kind);
        _multiplex[kind].Signal();
        await _switches[kind].Unlock(_empty);
    }

    /// <summary>Never both kinds inside, and at most <paramref name="capacity"/>.</summary>
    public static void Check(EventLog log, int capacity, string exclusionRule, string capacityRule) =>
        log.Occupancy(e => e.What switch { "in" => (e.Arg, 1), "out" => (e.Arg, -1), _ => null },
            (n, e) =>
            {
                EventLog.Require(n[0] == 0 || n[1] == 0, exclusionRule, e, () => $"{n[0]} and {n[1]} inside after {e}");
                EventLog.Require(n[0] + n[1] <= capacity, capacityRule, e, () => $"{n[0] + n[1]} inside after {e}");
            }, kinds: 2);
}
