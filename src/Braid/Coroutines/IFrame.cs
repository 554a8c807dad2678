namespace Braid;

/// <summary>
/// What a coroutine builder writes to: a frame that holds the suspended state machine. Either a pooled
/// <see cref="CoroutineBox{TResult}"/> (a coroutine called by another) or a <see cref="StrandFrame{TResult, TStateMachine}"/>
/// (the root coroutine of a spawned strand, which is the strand itself: one object per spawned coroutine).
/// </summary>
internal interface IFrame<TResult> : IResumable
{
    /// <summary>Which use of a pooled frame a handle refers to (always 0 for strand frames).</summary>
    short Version { get; }

    /// <summary>This frame's resume as a delegate, for awaiters that take one.</summary>
    Action MoveNextAction { get; }

    /// <summary>The coroutine returned.</summary>
    void SetResult(TResult result);

    /// <summary>The coroutine threw.</summary>
    void SetException(Exception error);
}
