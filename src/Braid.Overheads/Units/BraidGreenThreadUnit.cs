using System.Diagnostics;

namespace Braid.Overheads.Units;

/// <summary>
/// A Braid green thread (<see cref="Green"/>): a strand whose blocking-style body runs on an OS thread of its own,
/// handed the loop's baton (the CLR cannot switch stacks). Memory is the RSS delta per parked green thread (its OS
/// thread's stack and kernel structures plus the strand); switches are the same channel ping-pong as the coroutine
/// row, so each one is two OS thread hand-offs (body to loop, loop to the other body).
/// </summary>
public sealed class BraidGreenThreadUnit : IConcurrencyUnit
{
    /// <inheritdoc />
    public string Name => "Braid green thread";

    /// <inheritdoc />
    public int MaxUnits(bool quick) => quick ? 1_000 : 5_000;

    /// <inheritdoc />
    public CreateJoinResult CreateJoin(int n)
    {
        var count = 0;
        var clock = Stopwatch.StartNew();
        Green.Run(() =>
        {
            var threads = new Strand[n];
            for (var i = 0; i < n; i++) threads[i] = Green.Spawn(() => count++);
            foreach (var thread in threads) Green.Join(thread);
        });
        return new(clock.Elapsed, count);
    }

    /// <inheritdoc />
    public MemoryFigure MemoryPerUnit(int n)
    {
        OsThreadUnit.Settle();
        var before = ProcMemory.SelfRss();
        var after = before;
        Loop.Run(async () =>
        {
            var release = new Event();
            var parked = 0;
            var threads = new Strand[n];
            for (var i = 0; i < n; i++)
            {
                threads[i] = Green.Spawn(() =>
                {
                    parked++;
                    Green.Wait(() => release.Wait());
                });
            }
            while (parked < n || release.Waiting < n) await Loop.Yield();
            after = ProcMemory.SelfRss();
            release.Set();
            foreach (var thread in threads) await thread.Join();
        });
        return new((after - before) / (double)n, "RSS delta");
    }

    /// <inheritdoc />
    public TimeSpan PingPong(int rounds, Action<int>? echoed = null)
    {
        var elapsed = TimeSpan.Zero;
        Green.Run(() =>
        {
            var (pingTx, pingRx) = MemoryChannel.OpenUnbounded<int>();
            var (pongTx, pongRx) = MemoryChannel.OpenUnbounded<int>();
            var other = Green.Spawn(() =>
            {
                for (var i = 0; i < rounds; i++) pongTx.TrySend(Green.Receive(pingRx));
            });
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < rounds; i++)
            {
                pingTx.TrySend(i);
                var back = Green.Receive(pongRx); // not inside echoed?.Invoke(...): that would skip the receive when echoed is null
                echoed?.Invoke(back);
            }
            elapsed = clock.Elapsed;
            Green.Join(other);
        });
        return elapsed;
    }
}
