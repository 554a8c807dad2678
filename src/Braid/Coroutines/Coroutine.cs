using System.Runtime.CompilerServices;

namespace Braid;

/// <summary>
/// A Braid coroutine that returns nothing: the return type of an <c>async</c> method that runs on Braid's loop.
/// Await it once. Like <see cref="System.Threading.Tasks.ValueTask"/>, it is a struct over a pooled frame.
/// </summary>
[AsyncMethodBuilder(typeof(CoroutineMethodBuilder))]
public readonly struct Coroutine
{
    /// <summary>Null when finished at once; else the frame (a pooled box, or a strand this coroutine became).</summary>
    internal readonly IFrame<VoidResult>? Frame;
    internal readonly short Version;

    internal Coroutine(IFrame<VoidResult> frame)
    {
        Frame = frame;
        Version = frame.Version;
    }

    /// <summary>The pooled box behind an awaited coroutine; null when it finished at once.</summary>
    internal CoroutineBox<VoidResult>? Box => Frame is null ? null : Frame as CoroutineBox<VoidResult> ?? throw StrandFrames.NotAwaitable();

    /// <summary>A coroutine that has already finished.</summary>
    public static Coroutine CompletedCoroutine => default;

    /// <summary>True when the coroutine has finished.</summary>
    public bool IsCompleted => Box is null || Box.IsCompleted(Version);

    /// <summary>Gets the awaiter; used by <c>await</c>.</summary>
    public CoroutineAwaiter GetAwaiter() => new(this);
}

/// <summary>A Braid coroutine that returns a <typeparamref name="T"/>. Await it once.</summary>
[AsyncMethodBuilder(typeof(CoroutineMethodBuilder<>))]
public readonly struct Coroutine<T>
{
    /// <summary>Null when finished at once (see <see cref="Result"/>); else the frame.</summary>
    internal readonly IFrame<T>? Frame;
    internal readonly T? Result;
    internal readonly short Version;

    internal Coroutine(IFrame<T> frame)
    {
        Frame = frame;
        Result = default;
        Version = frame.Version;
    }

    internal Coroutine(T result)
    {
        Frame = null;
        Result = result;
        Version = 0;
    }

    /// <summary>The pooled box behind an awaited coroutine; null when it finished at once.</summary>
    internal CoroutineBox<T>? Box => Frame is null ? null : Frame as CoroutineBox<T> ?? throw StrandFrames.NotAwaitable();

    /// <summary>A coroutine that has already finished with <paramref name="result"/>.</summary>
    public static Coroutine<T> FromResult(T result) => new(result);

    /// <summary>True when the coroutine has finished.</summary>
    public bool IsCompleted => Box is null || Box.IsCompleted(Version);

    /// <summary>Gets the awaiter; used by <c>await</c>.</summary>
    public CoroutineAwaiter<T> GetAwaiter() => new(this);
}
