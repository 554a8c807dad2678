using System.Diagnostics;

namespace Braid.Overheads.Units;

/// <summary>
/// A Braid strand (a coroutine scheduled by Braid's own loop): memory is the bytes allocated per parked strand, switches
/// are hand-offs through Braid channels, the same shape as the Task row's System.Threading.Channels ping-pong.
/// </summary>
public sealed class BraidCoroutineUnit : IConcurrencyUnit
{
    private static Event s_release = new();

    // Static bodies: a spawn with no closure, so the figures are the strand's own cost.
    private static readonly Func<Coroutine> Parked = static async () => await s_release.Wait();

    /// <inheritdoc />
    public string Name => "Braid coroutine";

    /// <inheritdoc />
    public int MaxUnits(bool quick) => 10_000;

    /// <inheritdoc />
    public CreateJoinResult CreateJoin(int n)
    {
        var clock = Stopwatch.StartNew();
        var completed = Loop.Run(async () =>
        {
            var count = 0;
            await TaskGroup.RunAsync(group =>
            {
                for (var i = 0; i < n; i++)
                {
                    group.Spawn(async () =>
                    {
                        await Loop.Yield();
                        count++;
                    });
                }
                return Coroutine.CompletedCoroutine;
            });
            return count;
        });
        return new(clock.Elapsed, completed);
    }

    /// <inheritdoc />
    public MemoryFigure MemoryPerUnit(int n)
    {
        var bytes = Loop.Run(async () =>
        {
            var strands = new Strand[n];
            await ParkAndRelease(strands); // warm up: JIT, pools, list capacities
            s_release = new Event();
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < n; i++) strands[i] = Loop.Spawn(Parked);
            await Loop.Yield(); // every new strand runs to its park before main's next turn
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            s_release.Set();
            foreach (var s in strands) await s.Join();
            return allocated;
        });
        return new(bytes / (double)n, "allocated bytes");
    }

    private static async Coroutine ParkAndRelease(Strand[] strands)
    {
        s_release = new Event();
        for (var i = 0; i < strands.Length; i++) strands[i] = Loop.Spawn(Parked);
        await Loop.Yield();
        s_release.Set();
        foreach (var s in strands) await s.Join();
    }

    /// <inheritdoc />
    public TimeSpan PingPong(int rounds) => Loop.Run(async () =>
    {
        var (pingTx, pingRx) = Channel.OpenUnbounded<int>();
        var (pongTx, pongRx) = Channel.OpenUnbounded<int>();
        var other = Loop.Spawn(async () =>
        {
            for (var i = 0; i < rounds; i++) pongTx.TrySend(await pingRx.Receive());
        });
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++)
        {
            pingTx.TrySend(i);
            await pongRx.Receive();
        }
        var elapsed = clock.Elapsed;
        await other.Join();
        return elapsed;
    });
}
