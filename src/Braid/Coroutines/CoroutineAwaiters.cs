using System.Runtime.CompilerServices;

namespace Braid.CompilerServices;

/// <summary>Marks the awaiters of Braid coroutines: their continuation runs on the loop thread by construction.</summary>
internal interface ICoroutineAwaiter;

/// <summary>Awaits a <see cref="Coroutine"/>.</summary>
public readonly struct CoroutineAwaiter : ICriticalNotifyCompletion, ICoroutineAwaiter
{
    private readonly Coroutine _coroutine;

    internal CoroutineAwaiter(Coroutine coroutine) => _coroutine = coroutine;

    /// <summary>True when the coroutine has finished.</summary>
    public bool IsCompleted => _coroutine.IsCompleted;

    /// <summary>Ends the await: returns, or throws the coroutine's exception.</summary>
    public void GetResult() => _coroutine.Box?.GetResult(_coroutine.Version);

    /// <inheritdoc />
    public void OnCompleted(Action continuation) => UnsafeOnCompleted(continuation);

    /// <inheritdoc />
    public void UnsafeOnCompleted(Action continuation)
    {
        // Only reached while the coroutine is suspended, which means it is inside a loop.
        _coroutine.Box!.OnCompleted(_coroutine.Version, continuation);
    }
}

/// <summary>Awaits a <see cref="Coroutine{T}"/>.</summary>
public readonly struct CoroutineAwaiter<T> : ICriticalNotifyCompletion, ICoroutineAwaiter
{
    private readonly Coroutine<T> _coroutine;

    internal CoroutineAwaiter(Coroutine<T> coroutine) => _coroutine = coroutine;

    /// <summary>True when the coroutine has finished.</summary>
    public bool IsCompleted => _coroutine.IsCompleted;

    /// <summary>Ends the await: returns the result, or throws the coroutine's exception.</summary>
    public T GetResult() => _coroutine.Box is null ? _coroutine.Result! : _coroutine.Box.GetResult(_coroutine.Version);

    /// <inheritdoc />
    public void OnCompleted(Action continuation) => UnsafeOnCompleted(continuation);

    /// <inheritdoc />
    public void UnsafeOnCompleted(Action continuation) => _coroutine.Box!.OnCompleted(_coroutine.Version, continuation);
}
