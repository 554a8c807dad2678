namespace Braid;

/// <summary>
/// The thread versions block their thread. On a thread that runs a Braid loop that would stop every strand of the
/// loop, and since the waker is often one of those strands, hang it for good: so they refuse, every time (not only
/// when they would have had to wait, which would make the error depend on timing).
/// </summary>
internal static class LoopThreadGuard
{
    public static void RefuseOnLoop(string operation, string onALoop)
    {
        if (Kernel.Current is not null) throw new InvalidOperationException(
            $"{operation} blocks its thread, and this thread runs a Braid loop: every strand on it would stop. " +
            $"On a loop use {onALoop}; keep the thread version for plain threads.");
    }
}
