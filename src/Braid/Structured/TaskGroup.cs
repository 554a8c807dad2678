namespace Braid;

/// <summary>
/// Structured concurrency (Trio's nursery): strands spawned into a group cannot outlive it. <see cref="RunAsync"/>
/// returns only when every child has finished. The first failure cancels the group, so siblings and the body stop at
/// their next checkpoint, and the group then throws every failure together in a <see cref="TaskGroupException"/>.
/// </summary>
public sealed class TaskGroup
{
    private readonly Kernel _kernel;
    private readonly List<Exception> _failures = new();
    private readonly ChildrenSite _children;
    private int _running;
    private bool _closed;

    private TaskGroup(Kernel kernel)
    {
        _kernel = kernel;
        Scope = new CancelScope { Group = this };
        _children = new ChildrenSite(this);
    }

    /// <summary>The group's cancel scope: cancelling it cancels the body and every child.</summary>
    public CancelScope CancelScope => Scope;

    /// <summary>How many children are still running.</summary>
    public int Running => _running;

    internal CancelScope Scope { get; }

    /// <summary>
    /// Opens a group, runs <paramref name="body"/> (which spawns children), waits for every child, and throws a
    /// <see cref="TaskGroupException"/> if the body or any child failed.
    /// </summary>
    public static async Coroutine RunAsync(Func<TaskGroup, Coroutine> body)
    {
        var kernel = Kernel.Require();
        var strand = kernel.CurrentOrThrow();
        var group = new TaskGroup(kernel);
        group.Scope.Enter(strand);
        CancelledException? outerCancel = null;
        try
        {
            try
            {
                await body(group);
            }
            catch (CancelledException c) when (!group.Scope.CancelCalled)
            {
                outerCancel = c;
            }
            catch (CancelledException)
            {
                // The group cancelled itself (a child failed or CancelScope.Cancel was called): not a failure.
            }
            catch (Exception e)
            {
                group.Fail(e);
            }
            // Waiting for the children cannot be cancelled: cancellation reaches them through the group's scope,
            // and the body's strand must outlive them whatever happens (Trio's nursery does the same).
            if (group._running > 0) await group._children.WaitForAll(strand);
        }
        finally
        {
            group._closed = true;
            group.Scope.Exit(strand);
        }
        if (group._failures.Count > 0) throw new TaskGroupException(group._failures);
        if (outerCancel is not null) throw outerCancel;
        kernel.ThrowIfCancelPending(); // cancelled from outside while waiting for the children: pass it on
    }

    /// <summary>Spawns a child strand running <paramref name="body"/>; it starts at its first turn.</summary>
    public Strand Spawn(Func<Coroutine> body, string? name = null) => SpawnCore<VoidResult>(body, name);

    /// <summary>Spawns a child strand whose result can be joined.</summary>
    public Strand<T> Spawn<T>(Func<Coroutine<T>> body, string? name = null) => SpawnCore<T>(body, name);

    private Strand<T> SpawnCore<T>(Delegate body, string? name)
    {
        if (_closed) throw new InvalidOperationException("This task group has closed; spawn into an open group.");
        if (Kernel.Current != _kernel) throw new InvalidOperationException("A task group can only be used from its own loop.");
        _running++;
        return _kernel.Spawn<T>(body, Scope, name);
    }

    internal void OnChildFinished(Strand child, Exception? error)
    {
        _running--;
        if (error is not null and not CancelledException) Fail(error);
        if (_running == 0) _children.AllFinished();
    }

    private void Fail(Exception error)
    {
        _failures.Add(error);
        Scope.Cancel();
    }

    /// <inheritdoc />
    public override string ToString() => $"task group ({_running} running)";
}

/// <summary>Where the body's strand waits for the children: a wait that cancellation cannot abandon.</summary>
internal sealed class ChildrenSite(TaskGroup group) : IWaitSite
{
    private Strand? _waiter;

    public ParkAwaitable WaitForAll(Strand strand)
    {
        _waiter = strand;
        strand.Kernel.PrepareToPark(strand, this);
        return ParkAwaitable.Parked(strand);
    }

    public void AllFinished()
    {
        if (_waiter is not { } waiter) return;
        _waiter = null;
        waiter.Kernel.Wake(waiter);
    }

    public bool Abort(Strand strand) => false;

    public string Describe() => group.ToString();
}

/// <summary>Every failure of a task group's body and children, in the order they happened.</summary>
public sealed class TaskGroupException(IReadOnlyList<Exception> failures)
    : AggregateException($"{failures.Count} failure(s) in a task group: {failures[0].GetType().Name}: {failures[0].Message}", failures);
