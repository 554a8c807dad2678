namespace Braid.Benchmarks.Runtime;

/// <summary>The same measurements on OS threads: (c). The overheads suite's thread row reuses them.</summary>
public static class ThreadProbes
{
    /// <summary>Two threads ping-pong through a pair of kernel events: <paramref name="rounds"/> round trips.</summary>
    public static void PingPong(int rounds)
    {
        using var ping = new AutoResetEvent(false);
        using var pong = new AutoResetEvent(false);
        var other = new Thread(() =>
        {
            for (var i = 0; i < rounds; i++)
            {
                ping.WaitOne();
                pong.Set();
            }
        });
        other.Start();
        for (var i = 0; i < rounds; i++)
        {
            ping.Set();
            pong.WaitOne();
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
