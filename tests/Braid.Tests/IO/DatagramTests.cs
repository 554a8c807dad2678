using System.Text;
using Braid.IO;

namespace Braid.Tests.IO;

[Collection(IoCollection.Name)]
public class DatagramTests
{
    [Fact]
    public void UdpDatagrams_GoBothWays_WithTheirSender()
    {
        var (request, reply, from) = Loop.Run(async () =>
        {
            using var server = DatagramSocket.Bind(IoTestKit.Loopback, 0);
            using var client = DatagramSocket.Bind(IoTestKit.Loopback, 0);
            var buffer = new byte[100];
            var serving = Loop.Spawn(async () =>
            {
                var got = await server.ReceiveFromAsync(buffer); // parks first: nothing has been sent yet
                await server.SendToAsync(Encoding.ASCII.GetBytes("re: " + Encoding.ASCII.GetString(buffer, 0, got.Length)), got.From);
                return (Encoding.ASCII.GetString(buffer, 0, got.Length), got.From);
            });
            await IoTestKit.Until(() => serving.State == StrandState.Parked);
            await client.SendToAsync("ping"u8.ToArray(), server.LocalEndPoint);
            var replyBuffer = new byte[100];
            var reply = await client.ReceiveFromAsync(replyBuffer);
            var (request, from) = await serving.Join();
            return (request, Encoding.ASCII.GetString(replyBuffer, 0, reply.Length), from);
        });
        Assert.Equal("ping", request);
        Assert.Equal("re: ping", reply);
        Assert.Equal(System.Net.IPAddress.Loopback, from.Address);
    }
}
