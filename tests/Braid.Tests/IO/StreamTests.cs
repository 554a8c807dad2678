using System.Net;
using System.Text;
using Braid.IO;

namespace Braid.Tests.IO;

/// <summary>The stream tests, run over each poller (the same tests over every implementation).</summary>
public abstract class StreamTests
{
    protected abstract PollerKind Kind { get; }

    /// <summary>Runs <paramref name="main"/> on a loop that polls with <see cref="Kind"/>.</summary>
    private T Run<T>(Func<Coroutine<T>> main) => Loop.Run(async () =>
    {
        Poller.Use(Kind);
        return await main();
    });

    /// <summary>Runs <paramref name="body"/> with a connected pair: the client's stream and the server's.</summary>
    private T WithPair<T>(Func<SocketStream, SocketStream, Coroutine<T>> body) => Run(async () =>
    {
        using var listener = Tcp.Listen(IoTestKit.Loopback, 0);
        var accepting = Loop.Spawn(() => listener.AcceptAsync());
        using var client = await Tcp.ConnectAsync((IPEndPoint)listener.LocalEndPoint);
        using var server = await accepting.Join();
        return await body(client, server);
    });


    [Fact]
    public void ReadLine_ReadUntil_ReceiveExactly_SplitTheByteStreamAsAsyncioDoes()
    {
        var (line, record, exact, rest) = WithPair(async (client, server) =>
        {
            await client.SendAllAsync("hello\nkey=value;ABCDtail"u8.ToArray());
            await client.SendEofAsync(); // half-close: the server still reads to the end
            var line = Encoding.ASCII.GetString(await server.ReadLineAsync());
            var record = Encoding.ASCII.GetString(await server.ReadUntilAsync(";"u8.ToArray()));
            var exact = Encoding.ASCII.GetString(await server.ReceiveExactlyAsync(4));
            var rest = Encoding.ASCII.GetString(await server.ReadLineAsync());
            return (line, record, exact, rest);
        });
        Assert.Equal(("hello\n", "key=value;", "ABCD", "tail"), (line, record, exact, rest));
    }

    [Fact]
    public void HalfClose_TheOtherDirectionStillWorks()
    {
        var reply = WithPair(async (client, server) =>
        {
            await client.SendAllAsync("ping"u8.ToArray());
            await client.SendEofAsync();
            var got = await server.ReceiveExactlyAsync(4);
            Assert.Equal(0, await server.ReceiveSomeAsync(new byte[8])); // the client's end of stream
            await server.SendAllAsync(got);
            await server.CloseAsync();
            return Encoding.ASCII.GetString(await client.ReceiveExactlyAsync(4));
        });
        Assert.Equal("ping", reply);
    }

    [Fact]
    public void ACancelledReceiveExactly_LosesNoByte()
    {
        var whole = WithPair(async (client, server) =>
        {
            var scope = default(CancelScope);
            var reader = Loop.Spawn(async () =>
            {
                scope = new CancelScope();
                await scope.RunAsync(async () => { await server.ReceiveExactlyAsync(6); });
            });
            await client.SendAllAsync("abc"u8.ToArray());
            // Loopback delivers within send: the bytes sit in the server's socket until the reader takes them.
            await IoTestKit.Until(() => server.SocketAvailable == 0 && reader.State == StrandState.Parked);
            scope!.Cancel();
            await reader.Join();
            Assert.True(scope.CancelledCaught);
            Assert.Equal(3, server.Buffered); // what it had taken went back into the stream's buffer
            await client.SendAllAsync("def"u8.ToArray());
            return Encoding.ASCII.GetString(await server.ReceiveExactlyAsync(6));
        });
        Assert.Equal("abcdef", whole);
    }

    [Fact]
    public void ACancelledReadLine_LeavesThePartialLineBuffered()
    {
        var line = WithPair(async (client, server) =>
        {
            await client.SendAllAsync("par"u8.ToArray());
            var cut = await Loop.MoveOnAfter(TimeSpan.FromMilliseconds(20), async () => { await server.ReadLineAsync(); });
            Assert.False(cut);
            await client.SendAllAsync("tial\n"u8.ToArray());
            return Encoding.ASCII.GetString(await server.ReadLineAsync());
        });
        Assert.Equal("partial\n", line);
    }

    [Fact]
    public void AWriterToAPeerThatNeverReads_Waits_AndDoesNotBufferWithoutBound()
    {
        const int total = 64 << 20;
        var (bufferedWhileBlocked, received) = WithPair(async (client, server) =>
        {
            var chunk = new byte[16 * 1024];
            var written = 0;
            var writer = Loop.Spawn(async () =>
            {
                for (; written < total; written += chunk.Length)
                {
                    client.Write(chunk);
                    await client.DrainAsync();
                }
                await client.SendEofAsync();
            });
            await IoTestKit.Until(() => writer.State == StrandState.Parked);
            var buffered = client.BufferedForWrite;
            Assert.True(written < total, "the kernel's buffers cannot hold 64 MiB: the writer must have been held back");
            long received = 0;
            var buffer = new byte[65536];
            int n;
            while ((n = await server.ReceiveSomeAsync(buffer)) > 0) received += n;
            await writer.Join();
            return (buffered, received);
        });
        Assert.InRange(bufferedWhileBlocked, 0, SocketStream.DefaultHighWater + 16 * 1024);
        Assert.Equal(total, received);
    }

    [Fact]
    public void AReaderWhoseDataIsAlwaysReady_StillLetsOtherStrandsRun()
    {
        var (ticksWhileReading, read) = WithPair(async (client, server) =>
        {
            const int total = 1 << 20;
            await client.SendAllAsync(new byte[total]); // all of it sits in the socket buffers: no read will park
            var ticks = 0;
            var reading = true;
            var ticker = Loop.Spawn(async () =>
            {
                while (reading)
                {
                    ticks++;
                    await Loop.Yield();
                }
            });
            var read = 0;
            var buffer = new byte[1024];
            while (read < total) read += await server.ReceiveSomeAsync(buffer);
            var during = ticks;
            reading = false;
            await ticker.Join();
            return (during, read);
        });
        Assert.Equal(1 << 20, read);
        Assert.True(ticksWhileReading >= 10, $"the ticker ran {ticksWhileReading} times during 1,024 reads");
    }

    [Fact]
    public void UseAfterClose_ThrowsClosedResourceException_AndWakesAParkedReader()
    {
        WithPair(async (client, server) =>
        {
            var reader = Loop.Spawn(async () => { await server.ReceiveSomeAsync(new byte[10]); });
            await IoTestKit.Until(() => reader.State == StrandState.Parked);
            server.Dispose();
            await IoTestKit.Throws<ClosedResourceException>(async () => await reader.Join());
            await IoTestKit.Throws<ClosedResourceException>(async () => await server.SendAllAsync(new byte[1]));
            return 0;
        });
    }

    [Fact]
    public void ConnectByName_ResolvesOnTheThreadBridge()
    {
        var echoed = Run(async () =>
        {
            using var listener = Tcp.Listen(IoTestKit.Loopback, 0);
            var serving = Loop.Spawn(() => listener.ServeAsync(IoTestKit.Echo));
            using var stream = await Tcp.ConnectAsync("localhost", listener.Port);
            await stream.SendAllAsync("x\n"u8.ToArray());
            var line = Encoding.ASCII.GetString(await stream.ReadLineAsync());
            listener.Dispose();
            await IoTestKit.Throws<TaskGroupException>(async () => await serving.Join());
            return line;
        });
        Assert.Equal("x\n", echoed);
    }

    [Fact]
    public void UnixDomainSockets_CarryTheSameStreams()
    {
        var path = Path.Combine(Path.GetTempPath(), $"braid-{Guid.NewGuid():N}.sock");
        var echoed = Run(async () =>
        {
            using var listener = UnixSockets.Listen(path);
            var accepting = Loop.Spawn(() => listener.AcceptAsync());
            using var client = await UnixSockets.ConnectAsync(path);
            using var server = await accepting.Join();
            await client.SendAllAsync("over unix\n"u8.ToArray());
            return Encoding.ASCII.GetString(await server.ReadLineAsync());
        });
        Assert.Equal("over unix\n", echoed);
        Assert.False(File.Exists(path));
    }
}

[Collection(IoCollection.Name)]
public sealed class EpollStreamTests : StreamTests
{
    protected override PollerKind Kind => PollerKind.Epoll;
}

[Collection(IoCollection.Name)]
public sealed class PortableStreamTests : StreamTests
{
    protected override PollerKind Kind => PollerKind.Portable;
}
