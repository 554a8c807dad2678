using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Braid.Tests.Tasks;

/// <summary>.NET's own async I/O (Socket, Stream, HttpClient) in plain Task code on the loop: every line of it on the loop thread.</summary>
public class TaskIoTests
{
    /// <summary>A one-request HTTP server over TcpListener and NetworkStream, written as plain Task code.</summary>
    private static async Task ServeOne(TcpListener listener, List<int> threads)
    {
        using var client = await listener.AcceptTcpClientAsync();
        threads.Add(Environment.CurrentManagedThreadId);
        var stream = client.GetStream();
        var buffer = new byte[4096];
        var request = new StringBuilder();
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var n = await stream.ReadAsync(buffer);
            threads.Add(Environment.CurrentManagedThreadId);
            if (n == 0) return;
            request.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
        var body = "hello from the loop";
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}"));
        threads.Add(Environment.CurrentManagedThreadId);
    }

    [Fact]
    public void HttpClient_AgainstATcpListenerServer_BothOnOneLoop()
    {
        var threads = new List<int>();
        var (body, escapes) = Loop.Run(async Task<(string, int)> () =>
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                var server = ServeOne(listener, threads);
                using var http = new HttpClient();
                var text = await http.GetStringAsync($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
                threads.Add(Environment.CurrentManagedThreadId);
                await server;
                return (text, Loop.TaskEscapes.Count);
            }
            finally
            {
                listener.Stop();
            }
        });
        Assert.Equal("hello from the loop", body);
        Assert.All(threads, t => Assert.Equal(Environment.CurrentManagedThreadId, t));
        Assert.True(escapes > 0, "real I/O completes on other threads: its continuations are counted as they come back");
    }

    [Fact]
    public void RealIo_InADeterministicRun_IsRefused_AsNotReplayable()
    {
        var error = Assert.Throws<TaskEscapeException>(() => Loop.Run(async Task () =>
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen();
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            client.Connect(listener.LocalEndPoint!);
            using var server = listener.Accept();
            var buffer = new byte[1];
            var read = server.ReceiveAsync(buffer, SocketFlags.None); // nothing sent yet: pending for sure
            var loop = Thread.CurrentThread;
            _ = Task.Run(() =>
            {
                SpinWait.SpinUntil(() => (loop.ThreadState & System.Threading.ThreadState.WaitSleepJoin) != 0, TimeSpan.FromSeconds(30));
                client.Send([7]); // once the loop idles after the await below
            });
            Assert.Equal(1, await read);
        }, RunOptions.Deterministic(1)));
        Assert.True(error.Escapes.Count >= 1);
    }
}
