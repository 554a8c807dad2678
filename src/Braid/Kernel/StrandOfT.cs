namespace Braid;

/// <summary>A strand whose body returns a <typeparamref name="T"/>; <c>await strand.Join()</c> for the result.</summary>
public sealed class Strand<T> : Strand, IRootListener<T>
{
    /// <summary>The body before the first turn: a Func of Coroutine of T, or (only when T is VoidResult) a Func of Coroutine.</summary>
    private Delegate? _body;
    private T? _result;

    internal Strand(Delegate body, CancelScope scope, TaskGroup? group, string? name, int id)
        : base(scope, group, name, id) => _body = body;

    /// <summary>The result; valid once the strand finished without an exception.</summary>
    public T Result => IsFinished && Exception is null ? _result! : throw new InvalidOperationException($"{Name} has no result: it is {State}{(Exception is null ? "" : " with " + Exception.GetType().Name)}.");

    internal override void Start()
    {
        var body = _body!;
        _body = null;
        Coroutine<T> root;
        try
        {
            root = body is Func<Coroutine<T>> typed ? typed() : FromVoid(((Func<Coroutine>)body)());
        }
        catch (Exception e)
        {
            Finish(e);
            return;
        }
        if (root.Box is null) Complete(root.Result!);
        else if (root.Box.IsCompleted(root.Version)) TakeRootResult(root.Box);
        else root.Box.OnCompleted(root.Version, this);
    }

    // A Coroutine is a Coroutine<VoidResult> in all but name: same box type.
    private static Coroutine<T> FromVoid(Coroutine c) =>
        c.Box is null ? new Coroutine<T>(default(T)!) : new Coroutine<T>((CoroutineBox<T>)(object)c.Box, c.Version);

    /// <summary>Takes the root frame's result or exception and finishes.</summary>
    void IRootListener<T>.OnRootCompleted(CoroutineBox<T> box) => TakeRootResult(box);

    private void TakeRootResult(CoroutineBox<T> box)
    {
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

    private void Complete(T value)
    {
        _result = value;
        Finish(null);
    }

    /// <summary>Joins the strand and returns its result.</summary>
    public new JoinAwaitable<T> Join() => new(this);
}

