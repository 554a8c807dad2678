namespace Braid;

/// <summary>
/// A strand awaiting something that is not Braid's (a Task, a ValueTask): it may complete on any thread, so its
/// completion is posted to the loop's inbox and the strand resumes on the loop thread.
/// A plain <c>await task</c> cannot be abandoned (the foreign awaiter cannot be unregistered, and resuming the frame
/// early would call GetResult on an unfinished task), so cancellation reaches the strand at its next checkpoint.
/// <see cref="Loop.Cancellable(Task)"/> waits abortably: a cancelled strand leaves at once and the late completion,
/// finding the strand no longer parked here, does nothing.
/// </summary>
internal sealed class ForeignWait : IWaitSite
{
    private readonly Kernel _kernel;
    private readonly Strand _strand;
    private readonly bool _abortable;

    private ForeignWait(Kernel kernel, Strand strand, bool abortable)
    {
        _kernel = kernel;
        _strand = strand;
        _abortable = abortable;
    }

    /// <summary>Parks the current strand on a new foreign wait; the loop will not report a deadlock while it is out.</summary>
    public static ForeignWait Begin(Kernel kernel, bool abortable)
    {
        var wait = new ForeignWait(kernel, kernel.CurrentOrThrow(), abortable);
        kernel.PrepareToPark(wait._strand, wait);
        kernel.Outstanding++;
        return wait;
    }

    /// <summary>Called by the foreign awaiter, on whatever thread completes it.</summary>
    public void OnForeignCompleted() => _kernel.Inbox.Post(Resume);

    private void Resume()
    {
        _kernel.Outstanding--;
        if (_strand.Site == this) _kernel.Wake(_strand); // not so once an abortable wait was cancelled
    }

    public bool Abort(Strand s) => _abortable;

    public string Describe() => _abortable ? "a Task (cancellable wait)" : "a Task awaited from a coroutine";
}
