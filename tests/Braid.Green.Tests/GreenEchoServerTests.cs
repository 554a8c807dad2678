using System.Net;
using System.Net.Sockets;
using Braid.Gevent;

namespace Braid.MonkeyTests;

public class GreenEchoServerTests
{
    [Fact]
    public void GeventStyleServer_EchoesEveryClient_AndItsParkedAcceptIsCancelledWhenMainReturns()
    {
        var accepted = 0;
        var echoed = new List<string>();
        Braid.Green.Run(() =>
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen();
            var endPoint = listener.LocalEndPoint!;
            Braid.Green.Spawn(() => GreenEchoServer.Serve(listener, () => accepted++), "acceptor");
            var clients = Enumerable.Range(0, 3).Select(c => Braid.Green.Spawn(() =>
            {
                using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                client.Connect(endPoint);
                var message = new byte[1000];
                Array.Fill(message, (byte)('a' + c));
                client.Send(message);
                var back = new byte[message.Length];
                var got = 0;
                while (got < back.Length) got += client.Receive(back.AsSpan(got));
                echoed.Add(System.Text.Encoding.ASCII.GetString(back, 0, 3));
            })).ToList();
            foreach (var client in clients) Braid.Green.Join(client);
            // main returns with the acceptor parked in Accept: the loop cancels it there
        });
        Assert.Equal(3, accepted);
        Assert.Equal(["aaa", "bbb", "ccc"], echoed.Order());
    }
}
