namespace Braid.Problems;

/// <summary>
/// The book's lightswitch (4.2.2): the first in locks the room, the last out unlocks it. With
/// <paramref name="earlyRelease"/> the first in lets go of the switch's mutex before it has locked the room, so a
/// second one can walk in while the room is still open.
/// </summary>
internal sealed class Lightswitch(World w, string name, bool earlyRelease = false)
{
    private readonly Sem _mutex = w.Semaphore(1, name + ".mutex");
    private int _counter;

    public async Coroutine Lock(Sem room)
    {
        await _mutex.Wait();
        _counter++;
        if (earlyRelease)
        {
            var first = _counter == 1;
            _mutex.Signal();
            if (first) await room.Wait();
            return;
        }
        if (_counter == 1) await room.Wait();
        _mutex.Signal();
    }

    public async Coroutine Unlock(Sem room)
    {
        await _mutex.Wait();
        _counter--;
        if (_counter == 0) room.Signal();
        _mutex.Signal();
    }
}

/// <summary>
/// The book's reusable barrier (3.7.7): two turnstiles, so nobody laps the others. With <paramref name="oneTurnstile"/>
/// it is the broken one of 3.7.3: the last to arrive resets the count and lets n through, and a fast thread can come
/// round again and take a permit meant for a slow one.
/// </summary>
internal sealed class Barrier(World w, int n, string name, bool oneTurnstile = false)
{
    private readonly Sem _mutex = w.Semaphore(1, name + ".mutex");
    private readonly Sem _turnstile = w.Semaphore(0, name + ".turnstile");
    private readonly Sem _turnstile2 = w.Semaphore(0, name + ".turnstile2");
    private int _count;

    /// <summary>Waits until all n have arrived (phase one).</summary>
    public async Coroutine Phase1()
    {
        await _mutex.Wait();
        _count++;
        if (_count == n)
        {
            if (oneTurnstile) _count = 0;
            _turnstile.Signal(n);
        }
        _mutex.Signal();
        await _turnstile.Wait();
    }

    /// <summary>Waits until all n have left phase one (phase two), so the barrier is ready again.</summary>
    public async Coroutine Phase2()
    {
        if (oneTurnstile) return;
        await _mutex.Wait();
        _count--;
        if (_count == 0) _turnstile2.Signal(n);
        _mutex.Signal();
        await _turnstile2.Wait();
    }

    public async Coroutine Wait()
    {
        await Phase1();
        await Phase2();
    }
}
