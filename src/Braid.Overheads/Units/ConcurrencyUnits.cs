using Braid.Overheads.Child;

namespace Braid.Overheads.Units;

/// <summary>The units the overheads suite measures, and the ones still to come.</summary>
public static class ConcurrencyUnits
{
    /// <summary>Every unit measured, heaviest first; <paramref name="child"/> starts the .NET child process.</summary>
    public static IReadOnlyList<IConcurrencyUnit> All(ChildLauncher child) =>
    [
        new BraidChildProcessUnit(child),
        new NativeChildProcessUnit(),
        new OsThreadUnit(),
        new ThreadPoolUnit(),
        new TaskUnit(),
        new BraidCoroutineUnit(),
    ];

    /// <summary>Units that are listed but not measured yet, with the reason.</summary>
    public static IReadOnlyList<(string Name, string Reason)> Pending { get; } =
    [
        ("Braid green thread", "pending: lands with the green-thread layer"),
    ];
}
