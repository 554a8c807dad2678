namespace Braid.Problems;

/// <summary>
/// One problem of Downey's Little Book of Semaphores: its solution as the book writes it (<see cref="Start"/>, on a
/// <see cref="World"/> that runs it on coroutines or on OS threads), the rules a correct run keeps, checked on the
/// run's event log (<see cref="Check"/>), and broken variants that the checker must catch.
/// </summary>
public abstract class Problem
{
    private protected Problem(string name, string chapter, string part, string[] rules, (string Name, string What)[] broken)
    {
        Name = name;
        Chapter = chapter;
        Part = part;
        Rules = rules;
        Broken = broken.Select(b => new BrokenVariant(b.Name, b.What)).ToArray();
    }

    /// <summary>The problem's name on the command line ("dining-philosophers-footman").</summary>
    public string Name { get; }

    /// <summary>The book's section ("4.4.2").</summary>
    public string Chapter { get; }

    /// <summary>The book's part: basic patterns, classical, less classical, not so classical, not remotely classical.</summary>
    public string Part { get; }

    /// <summary>The safety and progress rules the checker states.</summary>
    public IReadOnlyList<string> Rules { get; }

    /// <summary>The broken variants: each breaks the solution in one place, and its checker must catch it.</summary>
    public IReadOnlyList<BrokenVariant> Broken { get; }

    /// <summary>Spawns the problem's actors on <paramref name="w"/>; <see cref="World.Broken"/> says which variant.</summary>
    internal abstract void Start(World w);

    /// <summary>Checks the rules on the run's event log; throws <see cref="ViolationException"/> naming the rule broken.</summary>
    internal abstract void Check(EventLog log);

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Chapter})";
}

/// <summary>A broken variant of a solution.</summary>
/// <param name="Name">Its name on the command line ("no-footman").</param>
/// <param name="What">What was changed ("no footman: all five may pick up their left fork").</param>
public sealed record BrokenVariant(string Name, string What);
