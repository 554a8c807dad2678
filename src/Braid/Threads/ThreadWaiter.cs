namespace Braid;

/// <summary>
/// A blocked thread's place in a FIFO queue: the releaser sets <see cref="Granted"/> under the primitive's monitor
/// and pulses it, and the thread waits until its own flag is set. Hand-off to the head keeps thread primitives as
/// fair as their coroutine twins: no thread that arrives later can take the permit first.
/// </summary>
internal sealed class ThreadWaiter
{
    public bool Granted;

    /// <summary>Waits on <paramref name="gate"/> (held by the caller) until this waiter is granted.</summary>
    public void Await(object gate)
    {
        while (!Granted) Monitor.Wait(gate);
    }
}
