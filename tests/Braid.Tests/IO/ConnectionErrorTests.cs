using System.Net;
using Braid.IO;

namespace Braid.Tests.IO;

/// <summary>What goes wrong before a stream exists: refusals, timeouts, names that do not resolve, ports in use.</summary>
[Collection(IoCollection.Name)]
public class ConnectionErrorTests
{
    public static TheoryData<string> FirstIoCalls => ["listen", "connect", "udp", "subprocess"];

    [Theory]
    [MemberData(nameof(FirstIoCalls))]
    public void RealIo_OnADeterministicLoop_FailsClearlyAtTheFirstCall(string call)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Loop.Run(async () =>
        {
            await Loop.Yield();
            switch (call)
            {
                case "listen":
                    Tcp.Listen(IoTestKit.Loopback, 0);
                    break;
                case "connect":
                    await Tcp.ConnectAsync("localhost", 1);
                    break;
                case "udp":
                    DatagramSocket.Bind(IoTestKit.Loopback, 0);
                    break;
                default:
                    Subprocess.Start("true");
                    break;
            }
        }, RunOptions.Deterministic(seed: 7)));
        Assert.Contains("deterministic", error.Message);
    }

    [Fact]
    public void ConnectingToAClosedPort_IsRefused_AndAnUnresolvableHostSaysSo()
    {
        Loop.Run(async () =>
        {
            int port;
            using (var probe = Tcp.Listen(IoTestKit.Loopback, 0)) port = probe.Port;
            var refused = await IoTestKit.Throws<IOException>(async () => await Tcp.ConnectAsync("127.0.0.1", port));
            Assert.Contains("refused", refused.Message);
            var unresolved = await IoTestKit.Throws<IOException>(async () => await Tcp.ConnectAsync("no-such-host.invalid", 80));
            Assert.Contains("resolve", unresolved.Message);
        });
    }

    [Fact]
    public void AConnectThatHangs_IsCutShortByItsCancelScope()
    {
        var (timedOut, elapsed) = Loop.Run(async () =>
        {
            // A listener that never accepts, with a backlog of 1: once its queue is full, Linux drops further SYNs, so
            // a connect hangs (retrying after a second) until something cancels it.
            using var full = Tcp.Listen(IoTestKit.Loopback, 0, backlog: 1);
            var opened = new List<SocketStream>();
            try
            {
                for (var attempt = 0; attempt < 16; attempt++)
                {
                    var started = Loop.Now;
                    SocketStream? stream = null;
                    var inTime = await Loop.MoveOnAfter(TimeSpan.FromMilliseconds(200), async () => { stream = await Tcp.ConnectAsync((IPEndPoint)full.LocalEndPoint); });
                    if (!inTime) return (true, Loop.Now - started);
                    opened.Add(stream!);
                }
                return (false, TimeSpan.Zero);
            }
            finally
            {
                opened.ForEach(s => s.Dispose());
            }
        });
        Assert.True(timedOut, "no connect hung although the listener's queue was full");
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void ListeningOnAPortInUse_SaysSo()
    {
        Loop.Run(async () =>
        {
            await Loop.Yield();
            using var first = Tcp.Listen(IoTestKit.Loopback, 0);
            var error = Assert.Throws<IOException>(() => Tcp.Listen(IoTestKit.Loopback, first.Port));
            Assert.Contains("in use", error.Message);
        });
    }
}
