namespace Braid.Gil;

/// <summary>The lab's stand-ins for an interpreter's work: one "bytecode" of CPU work, and one blocking call.</summary>
public static class Interpreted
{
    /// <summary>Iterations of one unit of CPU work (about 20-40 µs on a current core).</summary>
    public const int UnitIterations = 20_000;

    /// <summary>One unit of CPU-bound work (a xorshift generator); returns its state so it cannot be optimised away.</summary>
    public static ulong CpuUnit(ulong state, int iterations = UnitIterations)
    {
        var x = state | 1;
        for (var i = 0; i < iterations; i++)
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
        }
        return x;
    }

    /// <summary>Runs <paramref name="units"/> units of CPU work, holding the baton (when there is one) and checking it between units, as the eval loop does.</summary>
    public static ulong CpuBound(Baton? baton, int units, ulong seed)
    {
        if (baton is null)
        {
            for (var i = 0; i < units; i++) seed = CpuUnit(seed);
            return seed;
        }
        using (baton.Hold())
        {
            for (var i = 0; i < units; i++)
            {
                seed = CpuUnit(seed);
                baton.Tick();
            }
        }
        return seed;
    }

    /// <summary>
    /// Runs <paramref name="operations"/> I/O-bound steps: a little interpreted work under the baton, then a blocking
    /// wait of <paramref name="blockFor"/> without it (CPython releases the GIL around blocking calls).
    /// </summary>
    public static ulong IoBound(Baton? baton, int operations, TimeSpan blockFor, ulong seed)
    {
        if (baton is null)
        {
            for (var i = 0; i < operations; i++)
            {
                seed = CpuUnit(seed, UnitIterations / 20);
                Thread.Sleep(blockFor);
            }
            return seed;
        }
        using (baton.Hold())
        {
            for (var i = 0; i < operations; i++)
            {
                seed = CpuUnit(seed, UnitIterations / 20);
                baton.Tick();
                using (baton.Released()) Thread.Sleep(blockFor);
            }
        }
        return seed;
    }
}
