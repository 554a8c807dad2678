using System.Runtime.CompilerServices;

namespace Braid;

/// <summary>
/// A Braid coroutine that returns nothing: the return type of an <c>async</c> method that runs on Braid's loop.
/// Await it once. Like <see cref="System.Threading.Tasks.ValueTask"/>, it is a struct over a pooled frame.
/// </summary>
[AsyncMethodBuilder(typeof(CoroutineMethodBuilder))]
public readonly struct Coroutine
{
    internal readonly CoroutineBox<VoidResult>? Box;
    internal readonly short Version;

    internal Coroutine(CoroutineBox<VoidResult> box, short version)
    {
        Box = box;
        Version = version;
    }

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
    internal readonly CoroutineBox<T>? Box;
    internal readonly T? Result;
    internal readonly short Version;

    internal Coroutine(CoroutineBox<T> box, short version)
    {
        Box = box;
        Result = default;
        Version = version;
    }

    internal Coroutine(T result)
    {
        Box = null;
        Result = result;
        Version = 0;
    }

    /// <summary>A coroutine that has already finished with <paramref name="result"/>.</summary>
    public static Coroutine<T> FromResult(T result) => new(result);

    /// <summary>True when the coroutine has finished.</summary>
    public bool IsCompleted => Box is null || Box.IsCompleted(Version);

    /// <summary>Gets the awaiter; used by <c>await</c>.</summary>
    public CoroutineAwaiter<T> GetAwaiter() => new(this);
}
