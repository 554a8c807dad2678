namespace Braid.Tests.Fuzz;

/// <summary>What one step of a generated program does.</summary>
public enum OpKind
{
    Yield,
    Sleep,
    HoldLock,
    HoldReentrant,
    HoldSemaphore,
    HoldBounded,
    HoldLimiter,
    Read,
    Write,
    Send,
    TrySend,
    Receive,
    TryReceive,
    Select,
    SetEvent,
    WaitEvent,
    Bump,
    WaitForBump,
    Barrier,
    Scope,
    CancelAScope,
    Group,
    Spawn,
    Fail,
}

/// <summary>One step: its kind, two small numbers whose meaning depends on the kind, and a body for nesting steps.</summary>
public sealed record Op(OpKind Kind, int A, int B, Op[] Body)
{
    public override string ToString() => Body.Length == 0 ? $"{Kind}({A},{B})" : $"{Kind}({A},{B}) {{ {string.Join("; ", Body.AsEnumerable())} }}";
}

/// <summary>
/// A small random program over Braid's public API, made from a seed: a main strand that spawns background strands
/// and runs steps (holding each primitive, sending and receiving on channels of every kind, selects with timeouts and
/// defaults, events, a condition, a barrier, nested scopes with deadlines and shields, scopes cancelled by other
/// strands, task groups whose children may fail). Every wait that could last forever has a deadline and nothing holds
/// two resources at once, so a program cannot deadlock unless the generator adds a final wait that nobody ends.
/// </summary>
public sealed class RandomProgram
{
    private readonly Random _random;

    public RandomProgram(int seed)
    {
        Seed = seed;
        _random = new Random(seed);
        Main = Steps(depth: 0, count: _random.Next(3, 10));
        Background = Enumerable.Range(0, _random.Next(1, 5)).Select(_ => Steps(0, _random.Next(2, 10))).ToArray();
        EndsInDeadlock = _random.Next(8) == 0;
    }

    public int Seed { get; }

    public Op[] Main { get; }

    public Op[][] Background { get; }

    /// <summary>True when main ends waiting on an event nobody sets: the run must then end in a deadlock report.</summary>
    public bool EndsInDeadlock { get; }

    public override string ToString() =>
        $"seed {Seed}: main [{string.Join("; ", Main.AsEnumerable())}]" +
        string.Concat(Background.Select((b, i) => $"\n  background {i}: [{string.Join("; ", b.AsEnumerable())}]")) +
        (EndsInDeadlock ? "\n  then main waits forever" : "");

    private Op[] Steps(int depth, int count) => Enumerable.Range(0, count).Select(_ => Step(depth)).ToArray();

    // Channel steps come more often than the rest, so channels fill, senders wait on full buffers and receivers on
    // empty ones: the hand-off paths where an item could be lost or duplicated.
    private static readonly OpKind[] Weighted = Enum.GetValues<OpKind>()
        .Concat(Enumerable.Repeat(new[] { OpKind.Send, OpKind.Receive, OpKind.Select, OpKind.TrySend }, 3).SelectMany(k => k))
        .ToArray();

    private Op Step(int depth)
    {
        var kinds = Weighted;
        while (true)
        {
            var kind = kinds[_random.Next(kinds.Length)];
            var nests = kind is OpKind.Scope or OpKind.Group or OpKind.Spawn;
            if (nests && depth >= 2) continue;
            if (kind == OpKind.Fail && depth == 0) continue; // only children of groups fail on purpose
            var body = kind switch
            {
                OpKind.Scope => Steps(depth + 1, _random.Next(1, 5)),
                OpKind.Group => Steps(depth + 1, _random.Next(1, 4)), // each step a child's program
                OpKind.Spawn => Steps(depth + 1, _random.Next(1, 4)),
                _ => [],
            };
            return new Op(kind, _random.Next(0, 4), _random.Next(0, 4), body);
        }
    }
}
