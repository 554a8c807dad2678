using System.Runtime.CompilerServices;

namespace Braid.CompilerServices;

/// <summary>
/// Marks the awaiters of kernel traps. When a Braid coroutine awaits one, its builder hands the frame straight to
/// <see cref="Kernel.SuspendCurrent"/> without calling the awaiter: the trap has already told the kernel what it
/// waits for, so suspending allocates nothing.
/// </summary>
internal interface IKernelTrap;

/// <summary>The awaitable of <see cref="Loop.Yield"/>: a checkpoint that lets every other runnable strand run first.</summary>
public readonly struct YieldAwaitable
{
    /// <summary>Gets the awaiter; used by <c>await</c>.</summary>
    public YieldAwaiter GetAwaiter() => default;
}

/// <summary>Awaits <see cref="Loop.Yield"/>.</summary>
public readonly struct YieldAwaiter : ICriticalNotifyCompletion, IKernelTrap
{
    /// <summary>Always false: a yield always goes to the back of the run queue.</summary>
    public bool IsCompleted => false;

    /// <summary>Ends the yield; throws <see cref="CancelledException"/> if the strand was cancelled meanwhile.</summary>
    public void GetResult()
    {
        if (!Kernel.NothingCancelledAnywhere) Kernel.Require().ThrowIfCancelPending();
    }

    /// <inheritdoc />
    public void OnCompleted(Action continuation) => UnsafeOnCompleted(continuation);

    /// <inheritdoc />
    public void UnsafeOnCompleted(Action continuation) => Kernel.Require().SuspendCurrent(new ActionResumable(continuation));
}

/// <summary>
/// The awaitable of a park: the current strand has been registered with a wait site and sleeps until the site wakes
/// it or it is cancelled. Await it at once.
/// </summary>
public readonly struct ParkAwaitable
{
    private readonly bool _ready;
    private readonly int _token;

    private ParkAwaitable(bool ready, int token)
    {
        _ready = ready;
        _token = token;
    }

    /// <summary>An awaitable for a wait that needs no park (the event is already set): still a cancellation point.</summary>
    public static ParkAwaitable Ready => new(true, 0);

    /// <summary>The awaitable of the park <paramref name="strand"/> has just registered (with a wait site, by the kernel).</summary>
    internal static ParkAwaitable Parked(Strand strand) => new(false, strand.ParkCount);

    /// <summary>Gets the awaiter; used by <c>await</c>.</summary>
    public ParkAwaiter GetAwaiter() => new(_ready, _token);
}

/// <summary>Awaits a park.</summary>
public readonly struct ParkAwaiter : ICriticalNotifyCompletion, IKernelTrap
{
    private readonly bool _ready;
    private readonly int _token;

    internal ParkAwaiter(bool ready, int token)
    {
        _ready = ready;
        _token = token;
    }

    /// <summary>
    /// False while the strand must sleep. True at once when no park was needed, or when a cancellation is already
    /// pending: then the strand's registration is withdrawn and <see cref="GetResult"/> throws. Throws
    /// <see cref="InvalidOperationException"/> when this park was already awaited or belongs to another strand.
    /// </summary>
    public bool IsCompleted => _ready || Kernel.Require().BeginAwaitPark(_token);

    /// <summary>Ends the wait; throws <see cref="CancelledException"/> if the wait was ended by cancellation.</summary>
    public void GetResult()
    {
        if (_ready) Kernel.Require().ThrowIfCancelPending();
        else Kernel.Require().EndWait();
    }

    /// <inheritdoc />
    public void OnCompleted(Action continuation) => UnsafeOnCompleted(continuation);

    /// <inheritdoc />
    public void UnsafeOnCompleted(Action continuation) => Kernel.Require().SuspendCurrent(new ActionResumable(continuation));
}

/// <summary>The awaitable of <see cref="Strand.Join"/>.</summary>
public readonly struct JoinAwaitable(Strand strand)
{
    /// <summary>Gets the awaiter; used by <c>await</c>.</summary>
    public JoinAwaiter GetAwaiter() => new(strand);
}

/// <summary>The awaitable of <see cref="Strand{T}.Join"/>.</summary>
public readonly struct JoinAwaitable<T>(Strand<T> strand)
{
    /// <summary>Gets the awaiter; used by <c>await</c>.</summary>
    public JoinAwaiter<T> GetAwaiter() => new(strand);
}

/// <summary>Joins a strand: waits until it finishes, then rethrows its exception if it failed.</summary>
public readonly struct JoinAwaiter : ICriticalNotifyCompletion, IKernelTrap
{
    private readonly Strand _strand;

    internal JoinAwaiter(Strand strand) => _strand = strand;

    /// <summary>True once the strand finished; otherwise registers the current strand as a joiner.</summary>
    public bool IsCompleted => Join.Begin(_strand);

    /// <summary>Ends the join; rethrows the strand's exception.</summary>
    public void GetResult() => Join.End(_strand);

    /// <inheritdoc />
    public void OnCompleted(Action continuation) => UnsafeOnCompleted(continuation);

    /// <inheritdoc />
    public void UnsafeOnCompleted(Action continuation) => Kernel.Require().SuspendCurrent(new ActionResumable(continuation));
}

/// <summary>Joins a strand and returns its result.</summary>
public readonly struct JoinAwaiter<T> : ICriticalNotifyCompletion, IKernelTrap
{
    private readonly Strand<T> _strand;

    internal JoinAwaiter(Strand<T> strand) => _strand = strand;

    /// <summary>True once the strand finished; otherwise registers the current strand as a joiner.</summary>
    public bool IsCompleted => Join.Begin(_strand);

    /// <summary>Ends the join; returns the strand's result or rethrows its exception.</summary>
    public T GetResult()
    {
        Join.End(_strand);
        return _strand.Result;
    }

    /// <inheritdoc />
    public void OnCompleted(Action continuation) => UnsafeOnCompleted(continuation);

    /// <inheritdoc />
    public void UnsafeOnCompleted(Action continuation) => Kernel.Require().SuspendCurrent(new ActionResumable(continuation));
}

/// <summary>The join protocol shared by both join awaiters: park on the strand's joiner queue until it finishes.</summary>
internal static class Join
{
    public static bool Begin(Strand strand)
    {
        var kernel = Kernel.Require();
        if (strand.Kernel != kernel) throw new InvalidOperationException($"{strand.Name} belongs to another loop; a strand can only be joined from its own loop.");
        if (strand.IsFinished) return true;
        var joiners = strand.Extras.Joiners ??= new WaitQueue(new JoinSite(strand));
        joiners.Enqueue(kernel.CurrentOrThrow());
        return kernel.AbortIfCancelPending();
    }

    public static void End(Strand strand)
    {
        var kernel = Kernel.Require();
        kernel.EndWait();
        if (strand.Exception is { } error)
        {
            strand.MarkObserved();
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        }
    }

    private sealed class JoinSite(Strand strand)
    {
        public override string ToString() => $"join of {strand.Name}";
    }
}
