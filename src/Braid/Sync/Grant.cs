namespace Braid;

/// <summary>
/// The rule every acquire follows so no permit is lost to cancellation: check for a pending cancellation before
/// taking anything. If one is pending, take nothing and return <see cref="ParkAwaitable.Ready"/>, which throws; if
/// none is, take the permit and return Ready, which then cannot throw, since nothing runs between the two.
/// </summary>
internal static class Grant
{
    /// <summary>The current strand, after checking it is on a loop.</summary>
    public static Strand Current => Kernel.Require().CurrentOrThrow();

    /// <summary>True when <paramref name="strand"/> would be cancelled at its next checkpoint: take nothing.</summary>
    public static bool CancelPending(Strand strand) =>
        strand.Kernel.CancelledScopes != 0 && CancelScope.PendingFor(strand) is not null;

    /// <summary>A display name for a primitive: its kind and, if given, its name.</summary>
    public static string Label(string kind, string? name) => name is null ? kind : $"{kind} '{name}'";
}
