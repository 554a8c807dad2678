using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Braid;

/// <summary>
/// The heap frame of a suspended coroutine: its result, its error, and who to resume when it ends. Boxes are
/// pooled per thread and reused, so each use carries a version; a <see cref="Coroutine"/> handle holds the version
/// it was made for, and a stale handle is an error rather than a silent read of someone else's result.
/// </summary>
internal abstract class CoroutineBox<TResult> : IFrame<TResult>
{
    /// <summary>
    /// Who to resume at the end: null (nobody yet), an <see cref="Action"/> (the awaiting frame), or an
    /// <see cref="IRootListener{TResult}"/> (a strand whose body returned this coroutine).
    /// </summary>
    private object? _continuation;
    private ExceptionDispatchInfo? _error;
    private TResult? _result;
    private Action? _moveNextAction;

    private short _version;

    /// <summary>Which use of this pooled box a handle refers to.</summary>
    public short Version => _version;

    /// <summary>True once the coroutine has returned or thrown.</summary>
    internal bool Completed;

    /// <summary>This frame's resume as a delegate, made once per box and kept across reuse.</summary>
    public Action MoveNextAction => _moveNextAction ??= Resume;

    public abstract void Resume();

    /// <summary>Returns the box to its pool once its result has been taken.</summary>
    protected abstract void Recycle();

    public void SetResult(TResult result)
    {
        _result = result;
        Complete();
    }

    public void SetException(Exception error)
    {
        _error = ExceptionDispatchInfo.Capture(error);
        Complete();
    }

    private void Complete()
    {
        Completed = true;
        var continuation = _continuation;
        _continuation = null;
        switch (continuation)
        {
            case null:
                break;
            case Action resume:
                // Resuming the awaiter runs it on this stack, and its completion may resume its own awaiter: a long
                // chain of completions would overflow the stack. Near the limit, hand the resume to the kernel
                // instead, as a yield of the strand, and let the stack unwind (.NET's Task continuations do the same).
                if (RuntimeHelpers.TryEnsureSufficientExecutionStack()) resume();
                else Kernel.Require().ResumeLater(resume);
                break;
            default:
                ((IRootListener<TResult>)continuation).OnRootCompleted(this);
                break;
        }
    }

    /// <summary>
    /// Called by the builder when the coroutine finished during its first run: a misuse of the runtime is thrown from
    /// the call itself, so it surfaces at the line that misused the runtime and cannot be dropped with an unawaited handle.
    /// </summary>
    internal void RethrowMisuse()
    {
        if (Misuse.Is(_error?.SourceException)) _error!.Throw();
    }

    internal bool IsCompleted(short version)
    {
        Check(version);
        return Completed;
    }

    internal void OnCompleted(short version, object continuation)
    {
        Check(version);
        if (_continuation is not null) throw new InvalidOperationException("A coroutine can be awaited only once.");
        _continuation = continuation;
    }

    /// <summary>Takes the result (or throws the error) and recycles the box: a handle is good for one read.</summary>
    internal TResult GetResult(short version)
    {
        Check(version);
        if (!Completed) throw new InvalidOperationException("The coroutine has not finished; await it instead of reading its result.");
        var error = _error;
        var result = _result;
        _error = null;
        _result = default;
        Completed = false;
        _version++;
        Recycle();
        error?.Throw();
        return result!;
    }

    private void Check(short version)
    {
        if (version != _version) throw new InvalidOperationException("This coroutine was already awaited; a coroutine can be awaited only once.");
    }
}

/// <summary>Told when the root frame of a strand ends.</summary>
internal interface IRootListener<TResult>
{
    void OnRootCompleted(CoroutineBox<TResult> box);
}

/// <summary>A box holding one particular state machine type; pooled per thread so steady-state calls allocate nothing.</summary>
internal sealed class CoroutineBox<TResult, TStateMachine> : CoroutineBox<TResult>
    where TStateMachine : IAsyncStateMachine
{
    private const int PoolLimit = 256;

    // One small free list per thread and per state machine type: the kernel is single-threaded, so a box is made,
    // used and returned on one thread and needs no locking.
    [ThreadStatic] private static Stack<CoroutineBox<TResult, TStateMachine>>? t_pool;

    internal TStateMachine StateMachine = default!;

    internal static CoroutineBox<TResult, TStateMachine> Rent()
    {
        var pool = t_pool;
        return pool is not null && pool.TryPop(out var box) ? box : new CoroutineBox<TResult, TStateMachine>();
    }

    public override void Resume() => StateMachine.MoveNext();

    protected override void Recycle()
    {
        StateMachine = default!;
        var pool = t_pool ??= new Stack<CoroutineBox<TResult, TStateMachine>>();
        if (pool.Count < PoolLimit) pool.Push(this);
    }
}

/// <summary>A box with no state machine, for a coroutine that failed before it ever suspended.</summary>
internal sealed class FailedBox<TResult> : CoroutineBox<TResult>
{
    public override void Resume() => throw new InvalidOperationException("A finished coroutine cannot be resumed.");

    protected override void Recycle()
    {
    }
}
