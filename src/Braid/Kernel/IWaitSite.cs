namespace Braid.Extensibility;

/// <summary>
/// What a parked strand waits on: a wait queue, a timer, a foreign task. The kernel asks it to let go of a strand
/// when the strand is cancelled, and to describe itself in deadlock reports.
/// </summary>
public interface IWaitSite
{
    /// <summary>
    /// Removes a parked strand that is being cancelled, so it is never granted anything later. Returns false when
    /// the wait cannot be abandoned (a foreign task already running); the strand then sees its cancellation at its next checkpoint.
    /// </summary>
    bool Abort(Strand strand);

    /// <summary>A short description for deadlock reports and traces ("Lock #3 held by worker-1").</summary>
    string Describe();
}
