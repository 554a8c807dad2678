namespace Braid.Problems;

/// <summary>The book's semaphore: <c>Wait</c> (a preemption point, then P) and <c>Signal</c> (V), over <see cref="ISemaphore"/>.</summary>
internal sealed class Sem(World world, ISemaphore inner)
{
    public async Coroutine Wait()
    {
        await world.Yield();
        await inner.AcquireAsync();
    }

    public void Signal(int n = 1)
    {
        for (var i = 0; i < n; i++) inner.Release();
        if (world.Threads) world.Jitter();
    }

    public int Value => inner.Value;
}
