namespace Braid;

/// <summary>
/// A semaphore that can never hold more permits than it started with: releasing past the bound is an error, which
/// catches the classic bug of releasing twice (Python's BoundedSemaphore).
/// </summary>
public sealed class BoundedSemaphore : AsyncSemaphore
{
    private readonly string? _name;

    /// <summary>Creates a semaphore with <paramref name="bound"/> permits, all free.</summary>
    public BoundedSemaphore(int bound, string? name = null)
        : base(bound, name)
    {
        Bound = bound;
        _name = name;
    }

    /// <summary>The most permits it can hold.</summary>
    public int Bound { get; }

    private protected override void BeforeRelease()
    {
        if (Value >= Bound) throw new InvalidOperationException($"{Label} released past its bound of {Bound}: more releases than acquires.");
    }

    private protected override string Label => Grant.Label("BoundedSemaphore", _name);
}
