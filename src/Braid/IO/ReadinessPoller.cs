namespace Braid.IO;

/// <summary>
/// What every poller is (mio's Poll and Registry in one): sockets are registered once, each with an
/// <see cref="IoHandle"/>; the kernel's idle wait (<see cref="IIdleWait"/>) blocks in the OS until one is ready, then
/// tells its handle, which wakes the strands parked on it. Runs on the loop thread, except <see cref="Wake"/>.
/// </summary>
internal abstract class ReadinessPoller : IIdleWait, IDisposable
{
    public abstract PollerKind Kind { get; }

    /// <summary>Watches the handle's descriptor from now until <see cref="Deregister"/>.</summary>
    public abstract void Register(IoHandle handle);

    /// <summary>Stops watching; call before the descriptor closes.</summary>
    public abstract void Deregister(IoHandle handle);

    /// <summary>Called by a handle when a strand parks on it (a level-triggered poller watches only sockets with waiters).</summary>
    public virtual void Interested(IoHandle handle)
    {
    }

    public abstract void Wait(TimeSpan? timeout);

    public abstract void Wake();

    public abstract void Dispose();

    /// <summary>Milliseconds for a timeout, rounded up: rounding down would wake just before the timer and spin.</summary>
    protected static int Milliseconds(TimeSpan? timeout) =>
        timeout is not { } t ? -1 : (int)Math.Min(int.MaxValue, Math.Ceiling(t.TotalMilliseconds));
}
