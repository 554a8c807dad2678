namespace Braid.Extensibility;

/// <summary>
/// The kernel's one extension point for waiting (mio's Poll, Go's netpoll): when no strand can run, the kernel calls
/// <see cref="Wait"/> with the time until its next timer, and any thread that posts to the loop calls <see cref="Wake"/>.
/// The default waits on an event; Braid.IO installs its readiness poller here (epoll with an eventfd for the wake), so
/// the kernel sleeps on sockets without knowing what a socket is.
/// </summary>
/// <remarks>
/// Contract: <see cref="Wait"/> runs on the loop thread, returns when the timeout passes, when <see cref="Wake"/> was
/// called (before or during the wait: a wake is never lost, a spurious return is harmless), or when it made a parked
/// strand runnable. <see cref="Wake"/> is safe from any thread, even after the loop has finished. An idle wait that is
/// also <see cref="IDisposable"/> is disposed when its loop finishes.
/// </remarks>
public interface IIdleWait
{
    /// <summary>Blocks the loop thread until woken, until I/O it watches is ready, or for at most <paramref name="timeout"/> (null: no limit).</summary>
    void Wait(TimeSpan? timeout);

    /// <summary>Ends the current or next <see cref="Wait"/> early; safe from any thread.</summary>
    void Wake();
}
