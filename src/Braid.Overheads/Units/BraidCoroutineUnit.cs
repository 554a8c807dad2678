using System.Diagnostics;

namespace Braid.Overheads.Units;

/// <summary>
/// A Braid strand (a coroutine scheduled by Braid's own loop): memory is the bytes allocated per parked strand, switches
/// are hand-offs through Braid channels, the same shape as the Task row's System.Threading.Channels ping-pong.
/// </summary>
public sealed class BraidCoroutineUnit : IConcurrencyUnit
{
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
    public MemoryFigure MemoryPerUnit(int n) => new(Braid.Benchmarks.Runtime.BraidProbes.BytesPerParked(n), "allocated bytes");

    /// <inheritdoc />
    public TimeSpan PingPong(int rounds, Action<int>? echoed = null) => Loop.Run(async () =>
    {
        var (pingTx, pingRx) = MemoryChannel.OpenUnbounded<int>();
        var (pongTx, pongRx) = MemoryChannel.OpenUnbounded<int>();
        var other = Loop.Spawn(async () =>
        {
            for (var i = 0; i < rounds; i++) pongTx.TrySend(await pingRx.Receive());
        });
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++)
        {
            pingTx.TrySend(i);
            var back = await pongRx.Receive();
            echoed?.Invoke(back);
        }
        var elapsed = clock.Elapsed;
        await other.Join();
        return elapsed;
    });
}
