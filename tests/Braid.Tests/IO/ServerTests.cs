using System.Net;
using Braid.IO;

namespace Braid.Tests.IO;

[Collection(IoCollection.Name)]
public class ServerTests
{
    private const int Size = 64;

    /// <summary>The server's handler: fixed-size messages echoed back, so a peer that stops mid-message is an error.</summary>
    private static async Coroutine EchoMessages(SocketStream stream)
    {
        var message = new byte[Size];
        while (true)
        {
            if (await stream.ReceiveSomeAsync(message.AsMemory(0, 1)) == 0) return; // a clean end between messages
            await stream.ReceiveExactlyAsync(message.AsMemory(1));
            await stream.SendAllAsync(message);
        }
    }

    private static async Coroutine<bool> EchoOnce(IPEndPoint server)
    {
        using var stream = await Tcp.ConnectAsync(server);
        var sent = new byte[Size];
        IoTestKit.Fill(sent, 1, 2);
        await stream.SendAllAsync(sent);
        var back = await stream.ReceiveExactlyAsync(Size);
        return back.AsSpan().SequenceEqual(sent);
    }

    [Fact]
    public void PeersThatCloseMidMessage_Reset_OrNeverRead_FailOnlyTheirOwnConnection()
    {
        var (errors, failed, stillServes) = Loop.Run(async () =>
        {
            using var listener = Tcp.Listen(IoTestKit.Loopback, 0);
            var endPoint = (IPEndPoint)listener.LocalEndPoint;
            var errors = new List<Exception>();
            var stillServes = false;
            await TaskGroup.RunAsync(async group =>
            {
                group.Spawn(() => listener.ServeAsync(EchoMessages, errors.Add));

                // Closes after half a message: the handler's exact read meets the end of stream.
                using (var halfway = await Tcp.ConnectAsync(endPoint)) await halfway.SendAllAsync(new byte[Size / 2]);

                // Resets after half a message.
                var reset = await Tcp.ConnectAsync(endPoint);
                await reset.SendAllAsync(new byte[Size / 2]);
                reset.Abort();

                // Sends 8 MiB of requests and never reads a reply: its handler is held back by back-pressure, alone.
                var neverReads = await Tcp.ConnectAsync(endPoint);
                var flood = new byte[1 << 20];
                group.Spawn(async () =>
                {
                    for (var i = 0; i < 8; i++) await neverReads.SendAllAsync(flood);
                });

                await IoTestKit.Until(() => errors.Count == 2);
                stillServes = await EchoOnce(endPoint) && await EchoOnce(endPoint);
                group.CancelScope.Cancel(); // first: the flooder wakes cancelled, not to a closed stream
                neverReads.Abort();
            });
            return (errors, listener.Failed, stillServes);
        });
        Assert.True(stillServes);
        Assert.Equal(2, failed);
        Assert.All(errors, e => Assert.True(e is IOException, e.ToString()));
    }

    [Fact]
    public void AThousandConnections_LeakNoFileDescriptor()
    {
        static void Connections(int count) => Loop.Run(async () =>
        {
            using var listener = Tcp.Listen(IoTestKit.Loopback, 0);
            var endPoint = (IPEndPoint)listener.LocalEndPoint;
            await TaskGroup.RunAsync(async group =>
            {
                group.Spawn(() => listener.ServeAsync(EchoMessages));
                for (var batch = 0; batch < count / 100; batch++)
                {
                    await TaskGroup.RunAsync(async clients =>
                    {
                        for (var i = 0; i < 100; i++) clients.Spawn(async () => Assert.True(await EchoOnce(endPoint)));
                    });
                }
                await IoTestKit.Until(() => listener.Accepted == count);
                group.CancelScope.Cancel();
            });
        });
        Connections(100); // warm up: whatever the runtime opens once (its own epoll, /dev/urandom) is opened now
        var before = IoTestKit.OpenDescriptors();
        Connections(1000);
        var after = IoTestKit.OpenDescriptors();
        Assert.True(after <= before, $"{after - before} descriptors leaked ({before} before, {after} after)");
    }
}
