namespace Braid;

/// <summary>
/// A strand: a coroutine scheduled on its own, with its own place in the run queue (curio and Trio call it a task).
/// Spawn one with <see cref="Loop.Spawn(Func{Coroutine}, string?)"/> or <see cref="TaskGroup.Spawn(Func{Coroutine}, string?)"/>;
/// <c>await strand.Join()</c> to wait for it.
/// </summary>
public abstract class Strand
{
    // Links for the one wait queue a parked strand sits in (see WaitQueue): O(1) removal when cancelled.
    internal Strand? Next;
    internal Strand? Previous;

    /// <summary>What to run at the next turn: a suspended nested frame, or null for the strand's own root frame (<see cref="Start"/>).</summary>
    internal IResumable? ResumeFrame;

    /// <summary>What the strand is parked on; null while it runs or waits in the run queue.</summary>
    internal IWaitSite? Site;

    /// <summary>The innermost cancel scope the strand is in.</summary>
    internal CancelScope Scope;

    /// <summary>Index in <see cref="Scope"/>'s list of strands, for O(1) removal.</summary>
    internal int ScopeIndex;

    /// <summary>Counts parks, so a timer set for an earlier park cannot wake a later one.</summary>
    internal int ParkCount;

    internal StrandState StateValue;
    internal WakeReason Wake;

    private StrandExtras? _extras;

    private protected Strand(in SpawnRequest request)
    {
        Scope = request.Scope;
        Id = request.Id;
        if (request.Name is not null) Extras.Name = request.Name;
    }

    /// <summary>A number unique within the loop, in spawn order (deterministic runs give the same numbers).</summary>
    public int Id { get; }

    /// <summary>The name given at spawn, or <c>strand-{Id}</c>.</summary>
    public string Name => _extras?.Name ?? $"strand-{Id}";

    /// <summary>Where the strand is in its life.</summary>
    public StrandState State => StateValue;

    /// <summary>True once the strand has returned, failed or been cancelled.</summary>
    public bool IsFinished => StateValue == StrandState.Finished;

    /// <summary>The exception the strand ended with, if it failed or was cancelled.</summary>
    public Exception? Exception => _extras?.Error;

    /// <summary>What the strand is parked on, for reports; null when it is not parked.</summary>
    public string? WaitingOn => StateValue == StrandState.Parked ? Site?.Describe() : null;

    /// <summary>
    /// The task group that owns the strand, or null for a strand spawned with <see cref="Loop.Spawn(Func{Coroutine}, string?)"/>.
    /// Derived rather than stored (a parked strand stays small): scopes are left in LIFO order, so outside any scope it
    /// entered itself, a strand is in the scope it was spawned into, and a group's children are spawned into its scope.
    /// </summary>
    internal TaskGroup? Group => Scope.Group;

    internal Kernel Kernel => Scope.Kernel;

    internal StrandExtras Extras => _extras ??= new StrandExtras();

    /// <summary>Runs the strand's root frame: its first turn, and for a strand frame every resume of the root.</summary>
    internal abstract void Start();

    /// <summary>Records how the strand ended, wakes its joiners and tells the kernel.</summary>
    internal void Finish(Exception? error)
    {
        // A strand finishes during its own turn. Not Running means it had already suspended this turn: a coroutine it
        // started is left waiting and can never resume. Let go of that wait, and fail the strand unless it already is.
        if (StateValue != StrandState.Running)
        {
            var site = Site?.Describe();
            Kernel.Abandon(this);
            error ??= Misuse.AbandonedWait(this, site);
        }
        StateValue = StrandState.Finished;
        if (error is not null) Extras.Error = error;
        _extras?.Joiners?.WakeAll();
        Kernel.OnStrandFinished(this, error);
    }

    /// <summary>Marks a failure as seen by someone who joined the strand, so the loop does not report it again.</summary>
    internal void MarkObserved()
    {
        if (_extras is not null) _extras.Observed = true;
    }

    internal bool FailureObserved => _extras?.Observed ?? false;

    /// <summary>Joins the strand: waits until it finishes, then rethrows its exception if it failed.</summary>
    public JoinAwaitable Join() => new(this);

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({StateValue})";
}

/// <summary>Strand data most strands never need, kept out of line so a parked strand stays small.</summary>
internal sealed class StrandExtras
{
    public string? Name;
    public Exception? Error;
    public bool Observed;
    public WaitQueue? Joiners;
    public Action? MoveNext;
}
