using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Braid.CompilerServices;

/// <summary>Builds <see cref="Coroutine"/>-returning async methods. Used by the compiler, not by hand.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct CoroutineMethodBuilder
{
    private IFrame<VoidResult>? _box;

    /// <summary>Creates a builder.</summary>
    public static CoroutineMethodBuilder Create() => default;

    /// <summary>The coroutine handle returned to the caller.</summary>
    public Coroutine Task => _box is null ? default : new Coroutine(_box);

    /// <summary>
    /// Runs the method until its first suspension, like any async method; except the root coroutine of a strand being
    /// spawned, which becomes the strand and waits for its first turn.
    /// </summary>
    public void Start<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine
    {
        if (StrandFrames.TryStartAsStrand(ref stateMachine, ref _box)) return;
        stateMachine.MoveNext();
        if (_box is CoroutineBox<VoidResult> { Completed: true } box) box.RethrowMisuse();
    }

    /// <summary>Not used: the state machine is boxed by the builder itself.</summary>
    public void SetStateMachine(IAsyncStateMachine stateMachine)
    {
    }

    /// <summary>Completes the coroutine.</summary>
    public void SetResult() => _box?.SetResult(default);

    /// <summary>Fails the coroutine.</summary>
    public void SetException(Exception exception) => (_box ??= new FailedBox<VoidResult>()).SetException(exception);

    /// <summary>Suspends at an await.</summary>
    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion where TStateMachine : IAsyncStateMachine
    {
        var box = Suspension.FrameOf(ref _box, ref stateMachine);
        if (!Suspension.TrySuspendOnLoop(ref awaiter, box)) awaiter.OnCompleted(Suspension.Foreign(box));
    }

    /// <summary>Suspends at an await.</summary>
    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion where TStateMachine : IAsyncStateMachine
    {
        var box = Suspension.FrameOf(ref _box, ref stateMachine);
        if (!Suspension.TrySuspendOnLoop(ref awaiter, box)) awaiter.UnsafeOnCompleted(Suspension.Foreign(box));
    }
}

/// <summary>Builds <see cref="Coroutine{T}"/>-returning async methods. Used by the compiler, not by hand.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct CoroutineMethodBuilder<T>
{
    // Only the frame: a result returned without suspending travels through SyncResult instead of a field here,
    // because the builder lives inside every frame (and every strand) and a T field would make them all bigger.
    private IFrame<T>? _box;

    /// <summary>Creates a builder.</summary>
    public static CoroutineMethodBuilder<T> Create() => default;

    /// <summary>The coroutine handle returned to the caller.</summary>
    public Coroutine<T> Task => _box is null ? new Coroutine<T>(SyncResult<T>.Take()) : new Coroutine<T>(_box);

    /// <summary>Runs the method until its first suspension (or, for a strand's root coroutine, until its first turn).</summary>
    public void Start<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine
    {
        if (StrandFrames.TryStartAsStrand(ref stateMachine, ref _box)) return;
        stateMachine.MoveNext();
        if (_box is CoroutineBox<T> { Completed: true } box) box.RethrowMisuse();
    }

    /// <summary>Not used: the state machine is boxed by the builder itself.</summary>
    public void SetStateMachine(IAsyncStateMachine stateMachine)
    {
    }

    /// <summary>Completes the coroutine with its result.</summary>
    public void SetResult(T result)
    {
        if (_box is null) SyncResult<T>.Put(result);
        else _box.SetResult(result);
    }

    /// <summary>Fails the coroutine.</summary>
    public void SetException(Exception exception) => (_box ??= new FailedBox<T>()).SetException(exception);

    /// <summary>Suspends at an await.</summary>
    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion where TStateMachine : IAsyncStateMachine
    {
        var box = Suspension.FrameOf(ref _box, ref stateMachine);
        if (!Suspension.TrySuspendOnLoop(ref awaiter, box)) awaiter.OnCompleted(Suspension.Foreign(box));
    }

    /// <summary>Suspends at an await.</summary>
    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion where TStateMachine : IAsyncStateMachine
    {
        var box = Suspension.FrameOf(ref _box, ref stateMachine);
        if (!Suspension.TrySuspendOnLoop(ref awaiter, box)) awaiter.UnsafeOnCompleted(Suspension.Foreign(box));
    }
}

/// <summary>
/// The result of a coroutine that returned without suspending, on its way from the builder's SetResult to its Task
/// getter. The compiler calls the two back to back on one thread (SetResult is the last thing the method does before
/// Start returns, and Task is read right after), so one slot per thread and type is enough.
/// </summary>
internal static class SyncResult<T>
{
    [ThreadStatic] private static T? t_value;

    public static void Put(T value) => t_value = value;

    public static T Take()
    {
        var value = t_value;
        t_value = default; // do not keep a returned object alive
        return value!;
    }
}
