namespace Braid;

/// <summary>
/// Thrown by <see cref="Loop.Run(Func{Coroutine}, RunOptions?)"/> when nothing can ever run again: no runnable strand,
/// no timer, nothing outstanding outside the loop. Lists each blocked strand and what it waits on.
/// </summary>
public sealed class DeadlockException : Exception
{
    internal DeadlockException(IReadOnlyList<Strand> blocked)
        : base(Describe(blocked)) =>
        Blocked = blocked.Select(s => new BlockedStrand(s.Id, s.Name, s.WaitingOn ?? s.State.ToString())).ToList();

    /// <summary>The blocked strands, in spawn order.</summary>
    public IReadOnlyList<BlockedStrand> Blocked { get; }

    private static string Describe(IReadOnlyList<Strand> blocked) =>
        $"Deadlock: no strand can run again. {blocked.Count} blocked:" + string.Concat(
            blocked.Select(s => $"{Environment.NewLine}  {s.Name} (#{s.Id}) waits on {s.WaitingOn ?? s.State.ToString()}"));
}

/// <summary>One line of a deadlock report.</summary>
/// <param name="Id">The strand's id.</param>
/// <param name="Name">The strand's name.</param>
/// <param name="WaitingOn">What it is parked on.</param>
public sealed record BlockedStrand(int Id, string Name, string WaitingOn);
