using Braid.Testing;

namespace Braid.Tests.Green;

public class GreenThreadTests
{
    [Fact]
    public void GreenThreads_TakeTurnsAtCooperativeCalls()
    {
        var order = new List<string>();
        Braid.Green.Run(() =>
        {
            var a = Braid.Green.Spawn(() => Steps("a", order), "a");
            var b = Braid.Green.Spawn(() => Steps("b", order), "b");
            Braid.Green.Join(a);
            Braid.Green.Join(b);
        });
        Assert.Equal("a0 b0 a1 b1 a2 b2", string.Join(" ", order));
    }

    private static void Steps(string name, List<string> order)
    {
        for (var i = 0; i < 3; i++)
        {
            order.Add(name + i);
            Braid.Green.Yield();
        }
    }

    [Fact]
    public void GreenSleep_RunsOnVirtualTime()
    {
        var elapsed = TimeSpan.Zero;
        Braid.Green.Run(() =>
        {
            Braid.Green.Sleep(TimeSpan.FromHours(1));
            elapsed = Loop.Now;
        }, RunOptions.Deterministic(1));
        Assert.Equal(TimeSpan.FromHours(1), elapsed);
    }

    [Fact]
    public void GreenThreadsAndCoroutines_ShareChannelsAndLocks()
    {
        var got = new List<int>();
        Loop.Run(async () =>
        {
            var (sender, receiver) = MemoryChannel.Open<int>(1);
            var mutex = new AsyncLock();
            var producer = Braid.Green.Spawn(() =>
            {
                for (var i = 0; i < 5; i++)
                {
                    Braid.Green.Wait(() => mutex.Acquire());
                    Braid.Green.Send(sender, i);
                    mutex.Release();
                }
                sender.Close();
            }, "producer");
            await foreach (var item in receiver) got.Add(item);
            await producer.Join();
        });
        Assert.Equal([0, 1, 2, 3, 4], got);
    }

    [Fact]
    public void GreenThreadFailure_SurfacesAtJoin()
    {
        var error = Assert.Throws<InvalidDataException>(() => Braid.Green.Run(() =>
        {
            var child = Braid.Green.Spawn(() => throw new InvalidDataException("boom"));
            Braid.Green.Join(child);
        }));
        Assert.Equal("boom", error.Message);
    }

    [Fact]
    public void GreenOnlyCall_FromACoroutine_ThrowsAClearError()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Loop.Run(async () =>
        {
            await Loop.Yield();
            Braid.Green.Sleep(TimeSpan.FromSeconds(1));
        }));
        Assert.Contains("green-thread call", error.Message);
        Assert.Contains("coroutine", error.Message);
    }

    [Fact]
    public void GreenOnlyCall_FromAPlainThread_ThrowsAClearError()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Braid.Green.Yield());
        Assert.Contains("not a green thread", error.Message);
    }

    [Fact]
    public void CancelledGreenThread_LeavesAtItsCooperativeCall()
    {
        var reached = false;
        Loop.Run(async () =>
        {
            var sleeper = Braid.Green.Spawn(() =>
            {
                Braid.Green.Sleep(TimeSpan.FromHours(1));
                reached = true;
            });
            await Loop.Sleep(TimeSpan.FromSeconds(1));
            // main returns: the loop cancels what it left running
        }, RunOptions.Deterministic(3));
        Assert.False(reached);
    }

    private static string Trace(int seed, out int lost)
    {
        var counter = 0;
        var trace = new TraceRecorder();
        Braid.Green.Run(() =>
        {
            var workers = Enumerable.Range(0, 3).Select(w => Braid.Green.Spawn(() =>
            {
                for (var i = 0; i < 3; i++)
                {
                    var seen = counter; // read, give up the turn, write back: a lost update when another worker ran meanwhile
                    Braid.Green.Yield();
                    counter = seen + 1;
                }
            }, "w" + w)).ToList();
            foreach (var worker in workers) Braid.Green.Join(worker);
        }, RunOptions.Deterministic(seed, trace));
        lost = 9 - counter;
        return trace.ToString();
    }

    [Fact]
    public void SameSeed_GivesTheSameTrace()
    {
        for (var seed = 0; seed < 5; seed++) Assert.Equal(Trace(seed, out _), Trace(seed, out _));
    }

    [Fact]
    public void LostUpdate_IsFoundBySeed_AndReplays()
    {
        var found = Enumerable.Range(0, 50).First(seed => { Trace(seed, out var lost); return lost > 0; });
        Trace(found, out var first);
        Trace(found, out var again);
        Assert.True(first > 0);
        Assert.Equal(first, again);
    }
}
