using System.Runtime.CompilerServices;

namespace Braid;

/// <summary>
/// How a coroutine frame hands itself over when it suspends, shared by both builders. Three kinds of await:
/// a kernel trap (yield, park: the kernel takes the frame), another Braid coroutine (it resumes us when it ends,
/// on the loop thread), or anything else, such as a Task (it may finish on any thread, so its completion is
/// posted back to the loop).
/// </summary>
internal static class Suspension
{
    /// <summary>The frame of a suspending coroutine: made (rented from the pool) at its first suspension.</summary>
    public static IFrame<TResult> FrameOf<TResult, TStateMachine>(ref IFrame<TResult>? frame, ref TStateMachine stateMachine)
        where TStateMachine : IAsyncStateMachine
    {
        if (frame is { } existing) return existing;
        var box = CoroutineBox<TResult, TStateMachine>.Rent();
        // Order matters: the builder (which owns 'frame') lives inside the state machine, so set it first, then copy.
        frame = box;
        box.StateMachine = stateMachine;
        return box;
    }

    /// <summary>Suspends on a trap or a Braid coroutine; false for a foreign awaiter, which the caller registers.</summary>
    public static bool TrySuspendOnLoop<TAwaiter, TResult>(ref TAwaiter awaiter, IFrame<TResult> box)
        where TAwaiter : INotifyCompletion
    {
        // For struct awaiters these type tests are constants to the JIT: no boxing, no cost.
        if (awaiter is IKernelTrap)
        {
            Kernel.Require().SuspendCurrent(box);
            return true;
        }
        if (awaiter is ICoroutineAwaiter)
        {
            awaiter.OnCompleted(box.MoveNextAction);
            return true;
        }
        return false;
    }

    /// <summary>Begins a wait on a foreign awaiter and returns the callback that posts the frame back to the loop.</summary>
    public static Action Foreign(IResumable box) => Kernel.Require().BeginForeignWait(box);
}
