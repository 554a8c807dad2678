using System.Runtime.CompilerServices;

namespace Braid;

/// <summary>A strand whose body returns a <typeparamref name="T"/>; <c>await strand.Join()</c> for the result.</summary>
public abstract class Strand<T> : Strand
{
    private T? _result;

    private protected Strand(in SpawnRequest request)
        : base(request)
    {
    }

    /// <summary>The result; valid once the strand finished without an exception.</summary>
    public T Result => IsFinished && Exception is null ? _result! : throw new InvalidOperationException($"{Name} has no result: it is {State}{(Exception is null ? "" : " with " + Exception.GetType().Name)}.");

    /// <summary>Joins the strand and returns its result.</summary>
    public new JoinAwaitable<T> Join() => new(this);

    private protected void Complete(T value)
    {
        _result = value;
        Finish(null);
    }
}

/// <summary>
/// The usual strand: its root coroutine's state machine lives inline, so a spawned coroutine is one object. The
/// builder makes it when the coroutine method is called inside <see cref="Kernel.Spawn{T}"/>.
/// </summary>
internal sealed class StrandFrame<T, TStateMachine> : Strand<T>, IFrame<T>
    where TStateMachine : IAsyncStateMachine
{
    internal TStateMachine StateMachine = default!;

    public StrandFrame(in SpawnRequest request)
        : base(request)
    {
    }

    public short Version => 0;

    public Action MoveNextAction => Extras.MoveNext ??= Resume;

    public void Resume() => StateMachine.MoveNext();

    internal override void Start() => StateMachine.MoveNext(); // first turn and every later resume of the root

    public void SetResult(T result) => Complete(result);

    public void SetException(Exception error) => Finish(error);
}

/// <summary>
/// A strand over a coroutine that did not become a strand frame: a body that finished at once or returned a
/// coroutine made some other way. It waits for that coroutine like any awaiter would.
/// </summary>
internal sealed class CoroutineStrand<T> : Strand<T>, IRootListener<T>
{
    private Coroutine<T> _root;
    private Exception? _bodyError;

    public CoroutineStrand(in SpawnRequest request, Coroutine<T> root, Exception? bodyError)
        : base(request)
    {
        _root = root;
        _bodyError = bodyError;
    }

    internal override void Start()
    {
        if (_bodyError is { } error)
        {
            _bodyError = null;
            Finish(error);
        }
        else if (_root.Frame is null) Complete(_root.Result!);
        else if (_root.Box!.IsCompleted(_root.Version)) TakeResult(_root.Box);
        else _root.Box.OnCompleted(_root.Version, this);
    }

    void IRootListener<T>.OnRootCompleted(CoroutineBox<T> box) => TakeResult(box);

    private void TakeResult(CoroutineBox<T> box)
    {
        _root = default;
        T value;
        try
        {
            value = box.GetResult(box.Version);
        }
        catch (Exception e)
        {
            Finish(e);
            return;
        }
        Complete(value);
    }
}

/// <summary>Where a strand being spawned goes, and what it is called: handed from <see cref="Kernel.Spawn{T}"/> to the builder.</summary>
internal readonly record struct SpawnRequest(CancelScope Scope, string? Name, int Id, Type ResultType);

/// <summary>How the builders turn the root coroutine of a strand being spawned into the strand itself.</summary>
internal static class StrandFrames
{
    /// <summary>
    /// At a coroutine's start: if a spawn is waiting for its root coroutine and the result type fits, makes the frame
    /// a strand (not run yet: it waits for its first turn) and returns true; otherwise false (run it now).
    /// </summary>
    public static bool TryStartAsStrand<TResult, TStateMachine>(ref TStateMachine stateMachine, ref IFrame<TResult>? frame)
        where TStateMachine : IAsyncStateMachine
    {
        if (Kernel.Current is not { } kernel || !kernel.TryTakeSpawnRequest(typeof(TResult), out var request)) return false;
        var strand = new StrandFrame<TResult, TStateMachine>(request);
        frame = strand; // the builder lives in the state machine: set it first, then copy
        strand.StateMachine = stateMachine;
        kernel.RegisterSpawned(strand);
        return true;
    }

    public static InvalidOperationException NotAwaitable() =>
        new("This coroutine became a spawned strand; join the strand instead of awaiting the coroutine.");
}
