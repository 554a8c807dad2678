namespace Braid.Benchmarks.Runtime;

/// <summary>The runtime benchmark's measurements of Braid's own kernel (the overheads suite reuses them).</summary>
public static class BraidProbes
{
    private static readonly Func<Coroutine<int>> Child = static async () =>
    {
        await Loop.Yield();
        return 1;
    };

    private static Event s_release = null!;

    private static readonly Func<Coroutine> Parked = static async () => await s_release.Wait();

    /// <summary>Two strands ping-pong through yield: the time of <paramref name="rounds"/> rounds (2 switches each).</summary>
    public static void PingPong(int rounds) => Loop.Run(async () =>
    {
        var a = Loop.Spawn(() => YieldMany(rounds));
        var b = Loop.Spawn(() => YieldMany(rounds));
        await a.Join();
        await b.Join();
    });

    private static async Coroutine YieldMany(int rounds)
    {
        for (var i = 0; i < rounds; i++) await Loop.Yield();
    }

    /// <summary>Spawns <paramref name="count"/> strands that each yield once and return 1, then joins them all.</summary>
    public static int SpawnJoin(int count) => Loop.Run(async () =>
    {
        var strands = new Strand<int>[count];
        for (var i = 0; i < count; i++) strands[i] = Loop.Spawn(Child);
        var sum = 0;
        for (var i = 0; i < count; i++) sum += await strands[i].Join();
        return sum;
    });

    /// <summary>Bytes allocated per strand parked in an async method on an event (after a warm-up round).</summary>
    public static double BytesPerParked(int count) => Loop.Run(async () =>
    {
        var strands = new Strand[count];
        await ParkAll(strands); // warm up: JIT, pools, list capacities
        return await ParkAll(strands) / count;
    });

    /// <summary>Spawns a strand per slot that parks on an event, releases and joins them all; returns the bytes the parking allocated.</summary>
    private static async Coroutine<double> ParkAll(Strand[] strands)
    {
        s_release = new Event();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < strands.Length; i++) strands[i] = Loop.Spawn(Parked);
        await Loop.Yield(); // every new strand runs to its park before main's next turn
        double bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        if (s_release.Waiting != strands.Length) throw new InvalidOperationException("not every strand parked");
        s_release.Set();
        foreach (var s in strands) await s.Join();
        return bytes;
    }
}
