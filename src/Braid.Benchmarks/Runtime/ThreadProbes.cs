namespace Braid.Benchmarks.Runtime;

/// <summary>The same measurements on OS threads: (c). The overheads suite's thread row reuses them.</summary>
public static class ThreadProbes
{
    /// <summary>
    /// Two threads ping-pong through a pair of kernel events: <paramref name="rounds"/> round trips, round <c>i</c>
    /// carrying the message <c>i</c> there and back in a shared slot (each event's set and wait order the slot's
    /// writes and reads); <paramref name="echoed"/>, when given, hears each message as it comes back.
    /// </summary>
    public static void PingPong(int rounds, Action<int>? echoed = null)
    {
        using var ping = new AutoResetEvent(false);
        using var pong = new AutoResetEvent(false);
        var there = 0;
        var back = 0;
        var other = new Thread(() =>
        {
            for (var i = 0; i < rounds; i++)
            {
                ping.WaitOne();
                back = there;
                pong.Set();
            }
        });
        other.Start();
        for (var i = 0; i < rounds; i++)
        {
            there = i;
            ping.Set();
            pong.WaitOne();
            echoed?.Invoke(back);
        }
        other.Join();
    }

    /// <summary>Starts <paramref name="count"/> threads that do nothing, then joins each.</summary>
    public static void SpawnJoin(int count)
    {
        var threads = new Thread[count];
        for (var i = 0; i < count; i++)
        {
            threads[i] = new Thread(static () => { }, maxStackSize: 256 * 1024);
            threads[i].Start();
        }
        foreach (var t in threads) t.Join();
    }
}
