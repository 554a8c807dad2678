using Braid.IO;

namespace Braid.Benchmarks.Echo;

/// <summary>The echo server of <c>braid echo serve</c> and the echo benchmark: one loop, a strand per connection.</summary>
public static class EchoServer
{
    // One read buffer per loop thread, shared by every connection: a strand reads into it and hands it to SendAllAsync,
    // which copies whatever the socket does not take at once before it can park, so the buffer is free again before
    // another strand runs. An idle connection therefore holds no buffer at all.
    [ThreadStatic] private static byte[]? t_buffer;

    /// <summary>The handler: read what is there, write it back, until the peer finishes.</summary>
    public static async Coroutine EchoAsync(SocketStream stream)
    {
        while (true)
        {
            var buffer = t_buffer ??= new byte[64 * 1024];
            var n = await stream.ReceiveSomeAsync(buffer);
            if (n == 0) return;
            await stream.SendAllAsync(buffer.AsMemory(0, n));
        }
    }

    /// <summary>Serves on <paramref name="listener"/> until cancelled; per-connection errors are counted, not fatal.</summary>
    public static Coroutine ServeAsync(SocketListener listener) => listener.ServeAsync(EchoAsync);

    /// <summary>
    /// Every half second, when the number of open connections has changed and settled, collects garbage and reports
    /// the open connections and the managed heap, so a benchmark can measure what an idle connection costs.
    /// </summary>
    public static async Coroutine ReportMemoryAsync(SocketListener listener, Action<long, long> report)
    {
        var reported = -1L;
        var previous = -1L;
        while (true)
        {
            await Loop.Sleep(TimeSpan.FromMilliseconds(500));
            var open = listener.Open;
            if (open != previous)
            {
                previous = open;
                continue; // still changing: wait until it has held for a whole period
            }
            if (open == reported) continue;
            reported = open;
            report(open, GC.GetTotalMemory(forceFullCollection: true));
        }
    }

    /// <summary>
    /// Runs a server on a new loop on this thread until SIGINT or SIGTERM; <paramref name="listening"/> gets the port,
    /// <paramref name="stopped"/> the number of connections served. Returns the exit code (130 or 143, from <see cref="Signals"/>).
    /// </summary>
    public static int Run(string host, int port, Action<int> listening, Action<long> stopped, Action<long, long>? memory = null) => Signals.Run(async () =>
    {
        using var listener = Tcp.Listen(host, port);
        listening(listener.Port);
        try
        {
            if (memory is null)
            {
                await ServeAsync(listener);
                return;
            }
            await TaskGroup.RunAsync(async group =>
            {
                group.Spawn(() => ReportMemoryAsync(listener, memory));
                await ServeAsync(listener);
            });
        }
        finally
        {
            stopped(listener.Accepted);
        }
    });
}
