namespace Braid;

/// <summary>
/// Thrown at a strand's checkpoint (a yield, a park, a sleep) when a cancel scope around it has been cancelled. Let it
/// propagate: the scope that was cancelled catches it. Clean up in <c>finally</c>.
/// </summary>
public sealed class CancelledException : OperationCanceledException
{
    internal CancelledException(CancelScope? scope)
        : base(scope is null ? "Cancelled." : $"Cancelled by {scope}.") => Scope = scope;

    /// <summary>The cancelled scope that caused this, when known.</summary>
    public CancelScope? Scope { get; }
}

/// <summary>Thrown by <see cref="Loop.FailAfter(TimeSpan, Func{Coroutine})"/> when the body did not finish in time.</summary>
public sealed class TooSlowException(TimeSpan limit)
    : TimeoutException($"Did not finish within {limit.TotalSeconds:0.###} s.")
{
    /// <summary>The time limit that passed.</summary>
    public TimeSpan Limit { get; } = limit;
}
