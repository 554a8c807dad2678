namespace Braid;

/// <summary>
/// The primitives' stated invariants, checked at the start and end of their operations when checking is on: in Debug
/// builds, and wherever the app switch <c>Braid.CheckInvariants</c> is set (the test projects set it, so the Release
/// test run checks them too). Off, each check is one read of a static readonly field, which the JIT folds away.
/// </summary>
internal static class Invariant
{
    public static readonly bool Enabled = AppContext.TryGetSwitch("Braid.CheckInvariants", out var on) ? on : IsDebugBuild;

#if DEBUG
    private const bool IsDebugBuild = true;
#else
    private const bool IsDebugBuild = false;
#endif

    /// <summary>Throws <see cref="InvariantBrokenException"/> naming <paramref name="rule"/> when it does not hold.</summary>
    public static void That(bool condition, string rule)
    {
        if (!condition) throw new InvariantBrokenException(rule);
    }
}

/// <summary>A stated invariant of the runtime did not hold: a bug in Braid, never a misuse (misuse is refused before it can get here).</summary>
internal sealed class InvariantBrokenException(string rule) : InvalidOperationException($"Braid invariant broken: {rule}.");
