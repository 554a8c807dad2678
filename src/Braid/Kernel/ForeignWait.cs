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

    // Set when a cancelled strand left an abortable wait: the loop stopped counting it as outstanding then, so the
    // late completion must not count it off again (and an idle loop can report a real deadlock meanwhile).
    private bool _abandoned;

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
        if (!_abandoned) _kernel.Outstanding--;
        if (_strand.Site == this) _kernel.Wake(_strand); // not so once an abortable wait was cancelled
    }

    public bool Abort(Strand s)
    {
        if (!_abortable || _abandoned) return false;
        _abandoned = true;
        _kernel.Outstanding--;
        return true;
    }

    public string Describe() => _abortable ? "a Task (cancellable wait)" : "a Task awaited from a coroutine";
}
