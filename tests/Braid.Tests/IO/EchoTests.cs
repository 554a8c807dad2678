using Braid.IO;

namespace Braid.Tests.IO;

[Collection(IoCollection.Name)]
public class EchoTests
{
    /// <summary>CI size; BRAID_IO_CONNECTIONS=10000 runs the full figure.</summary>
    private static int Connections => int.TryParse(Environment.GetEnvironmentVariable("BRAID_IO_CONNECTIONS"), out var n) ? n : 2_000;

    [Fact]
    public void ManyConcurrentConnections_EachEchoes100Messages_EveryByteVerified()
    {
        var (verified, failed) = RunEcho(PollerKind.Epoll, Connections, messages: 100, size: 64);
        Assert.Equal((long)Connections * 100 * 64, verified);
        Assert.Equal(0, failed);
    }

    [Theory]
    [InlineData(PollerKind.Epoll)]
    [InlineData(PollerKind.Portable)]
    public void EveryPoller_EchoesTheSameBytes(PollerKind kind)
    {
        var (verified, failed) = RunEcho(kind, connections: 50, messages: 20, size: 1000);
        Assert.Equal(50L * 20 * 1000, verified);
        Assert.Equal(0, failed);
    }

    private static (long Verified, long Failed) RunEcho(PollerKind kind, int connections, int messages, int size) => Loop.Run(async () =>
    {
        Poller.Use(kind);
        using var listener = Tcp.Listen(IoTestKit.Loopback, 0);
        long verified = 0;
        await TaskGroup.RunAsync(async outer =>
        {
            outer.Spawn(() => listener.ServeAsync(IoTestKit.Echo));
            await TaskGroup.RunAsync(async clients =>
            {
                for (var c = 0; c < connections; c++)
                {
                    var connection = c;
                    clients.Spawn(async () =>
                    {
                        using var stream = await Tcp.ConnectAsync(listener.LocalEndPoint as System.Net.IPEndPoint ?? throw new InvalidOperationException());
                        var sent = new byte[size];
                        var echoed = new byte[size];
                        for (var m = 0; m < messages; m++)
                        {
                            IoTestKit.Fill(sent, connection, m);
                            await stream.SendAllAsync(sent);
                            await stream.ReceiveExactlyAsync(echoed);
                            if (!sent.AsSpan().SequenceEqual(echoed)) throw new InvalidDataException($"connection {connection} message {m} came back different");
                            verified += size;
                        }
                    });
                }
            });
            outer.CancelScope.Cancel();
        });
        return (verified, listener.Failed);
    });
}
