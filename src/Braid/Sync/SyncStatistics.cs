namespace Braid;

/// <summary>
/// A snapshot of a primitive for the tour and for deadlock reports (Trio's statistics()): what it is, who holds it,
/// how many wait, and its count where it has one.
/// </summary>
/// <param name="Primitive">The primitive's kind and name ("Lock 'a'").</param>
/// <param name="Owner">Who holds it (a strand's name, a borrower), or null.</param>
/// <param name="Waiting">How many strands are parked on it.</param>
/// <param name="Value">Its count (free permits, tokens, readers, arrivals), where it has one.</param>
public sealed record SyncStatistics(string Primitive, string? Owner, int Waiting, int? Value)
{
    /// <inheritdoc />
    public override string ToString() =>
        Primitive + (Owner is null ? "" : $" held by {Owner}") + (Value is { } v ? $", value {v}" : "") + $", {Waiting} waiting";
}
