namespace Braid;

/// <summary>
/// A strand awaiting something that is not Braid's (a Task, a ValueTask): it may complete on any thread, so its
/// completion is posted to the loop's inbox and the strand resumes on the loop thread. Such a wait cannot be
/// abandoned (the foreign awaiter cannot be unregistered), so cancellation reaches the strand at its next checkpoint;
/// <see cref="Loop.Cancellable(Task)"/> gives a wait that cancellation can end.
/// </summary>
internal sealed class ForeignWait(Kernel kernel, Strand strand) : IWaitSite
{
    /// <summary>Called by the foreign awaiter, on whatever thread completes it.</summary>
    public void OnForeignCompleted() => kernel.Inbox.Post(Resume);

    private void Resume()
    {
        kernel.Outstanding--;
        kernel.Wake(strand);
    }

    public bool Abort(Strand s) => false;

    public string Describe() => "a Task awaited from a coroutine";
}
