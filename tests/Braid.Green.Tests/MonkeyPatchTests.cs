using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Braid.MonkeyTests;

/// <summary>The same blocking calls, patched (written as calls here: the generator intercepts them) and not (reached through a delegate, as code in another assembly would be).</summary>
public class MonkeyPatchTests
{
    /// <summary>Green thread a sleeps 200 ms with Thread.Sleep while b ticks every 10 ms of loop time; returns b's longest gap between ticks.</summary>
    private static (TimeSpan LongestGap, int TicksDuringSleep) SleepBesideTicker(Action<int> sleep, RunOptions? options)
    {
        var longest = TimeSpan.Zero;
        var ticksDuringSleep = 0;
        var sleeping = false;
        Braid.Green.Run(() =>
        {
            var done = false;
            var ticker = Braid.Green.Spawn(() =>
            {
                var last = Loop.Now;
                while (!done)
                {
                    Braid.Green.Sleep(TimeSpan.FromMilliseconds(10));
                    if (Loop.Now - last > longest) longest = Loop.Now - last;
                    last = Loop.Now;
                    if (sleeping) ticksDuringSleep++;
                }
            }, "ticker");
            Braid.Green.Yield();
            sleeping = true;
            sleep(200);
            sleeping = false;
            done = true;
            Braid.Green.Join(ticker);
        }, options);
        return (longest, ticksDuringSleep);
    }

    [Fact]
    public void UnpatchedSleep_StallsEveryGreenThread()
    {
        Action<int> unpatched = Thread.Sleep; // a method group: no call site for the generator to see
        var (gap, ticks) = SleepBesideTicker(unpatched, null);
        Assert.True(gap >= TimeSpan.FromMilliseconds(150), $"the ticker's longest gap was {gap.TotalMilliseconds:0} ms");
        Assert.Equal(0, ticks);
    }

    [Fact]
    public void PatchedSleep_LetsTheOthersRun_OnVirtualTime()
    {
        var (gap, ticks) = SleepBesideTicker(ms => Thread.Sleep(ms), RunOptions.Deterministic(7));
        Assert.Equal(TimeSpan.FromMilliseconds(10), gap);
        Assert.InRange(ticks, 19, 20);
    }

    [Fact]
    public void PatchedSleep_OffAGreenThread_IsTheOriginal()
    {
        var started = Environment.TickCount64;
        Thread.Sleep(20);
        Assert.True(Environment.TickCount64 - started >= 15);
    }

    [Fact]
    public void PatchedSemaphoreSlimWait_ParksOnlyTheGreenThread()
    {
        using var semaphore = new SemaphoreSlim(0);
        var order = new List<string>();
        Braid.Green.Run(() =>
        {
            var waiter = Braid.Green.Spawn(() =>
            {
                semaphore.Wait(); // unpatched, this would block the loop and the releaser would never run
                order.Add("acquired");
            });
            Braid.Green.Spawn(() =>
            {
                Braid.Green.Sleep(TimeSpan.FromMilliseconds(5));
                order.Add("release");
                semaphore.Release();
            });
            Braid.Green.Join(waiter);
        });
        Assert.Equal(["release", "acquired"], order);
    }

    [Fact]
    public void PatchedEventTaskAndCollection_Wait_Cooperatively()
    {
        using var ready = new ManualResetEventSlim();
        using var items = new BlockingCollection<int>();
        var gate = new TaskCompletionSource();
        var got = new List<int>();
        Braid.Green.Run(() =>
        {
            var consumer = Braid.Green.Spawn(() =>
            {
                ready.Wait();
                gate.Task.Wait();
                got.Add(items.Take());
                got.Add(items.Take());
            });
            Braid.Green.Yield();
            ready.Set();
            Braid.Green.Yield();
            gate.SetResult();
            items.Add(1);
            Braid.Green.Sleep(TimeSpan.FromMilliseconds(3));
            items.Add(2);
            Braid.Green.Join(consumer);
        });
        Assert.Equal([1, 2], got);
    }

    [Fact]
    public void PatchedBlockingSockets_ServeTwoClientsAtOnce()
    {
        var replies = new ConcurrentBag<string>();
        Braid.Green.Run(() =>
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen();
            var endPoint = (IPEndPoint)listener.LocalEndPoint!;
            var server = Braid.Green.Spawn(() =>
            {
                for (var i = 0; i < 2; i++)
                {
                    var connection = listener.Accept();
                    Braid.Green.Spawn(() => Echo(connection));
                }
            }, "server");
            var clients = Enumerable.Range(0, 2).Select(c => Braid.Green.Spawn(() =>
            {
                using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                client.Connect((EndPoint)endPoint);
                using var stream = new NetworkStream(client);
                var message = Encoding.ASCII.GetBytes($"hello {c}");
                stream.Write(message, 0, message.Length);
                var buffer = new byte[64];
                var got = 0;
                while (got < message.Length) got += stream.Read(buffer, got, buffer.Length - got);
                replies.Add(Encoding.ASCII.GetString(buffer, 0, got));
            }, "client" + c)).ToList();
            foreach (var client in clients) Braid.Green.Join(client);
            Braid.Green.Join(server);
        });
        Assert.Equal(["hello 0", "hello 1"], replies.Order());
    }

    private static void Echo(Socket connection)
    {
        using (connection)
        {
            var buffer = new byte[1024];
            int n;
            while ((n = connection.Receive(buffer)) > 0) connection.Send(buffer.AsSpan(0, n));
        }
    }
}
