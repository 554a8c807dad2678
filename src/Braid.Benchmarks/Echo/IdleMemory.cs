using System.Net;
using System.Net.Sockets;
using Braid.Reporting.Bench;

namespace Braid.Benchmarks.Echo;

/// <summary>
/// What an idle connection costs Braid's server: start it with <c>--memory</c> (it reports its managed heap after a
/// full collection whenever its number of open connections settles), open N connections and echo one message on
/// each, and divide the growth of the heap, and of the process's resident memory, by N. Kernel socket buffers are in
/// neither figure.
/// </summary>
internal static class IdleMemory
{
    public static void Measure(BenchResults results, int connections, int port)
    {
        if (EchoLoad.DescriptorLimit() is { } limit && limit < connections + 100)
        {
            results.Notes.Add($"idle connections: skipped, 'ulimit -n' is {limit}, below {connections + 100}");
            return;
        }
        var braid = EchoProcesses.Braid();
        var server = EchoProcesses.Start(0, braid.File, [.. braid.Prefix, "echo", "serve", "--memory", "--port", port.ToString()]);
        var sockets = new List<Socket>();
        try
        {
            if (!EchoProcesses.WaitListening(server, port)) throw new IOException("the server did not start");
            var (_, heapBefore) = NextReport(server);
            var rssBefore = Rss(server.Id);
            var message = new byte[64];
            var echo = new byte[64];
            for (var i = 0; i < connections; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sockets.Add(socket);
                socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
                socket.Send(message);
                for (var got = 0; got < echo.Length;) got += socket.Receive(echo, got, echo.Length - got, SocketFlags.None);
            }
            long open, heapAfter;
            do (open, heapAfter) = NextReport(server);
            while (open < connections);
            var rssAfter = Rss(server.Id);
            results.Add("idle connections held", "braid", open, "connections");
            results.Add("managed heap per idle connection", "braid", (heapAfter - heapBefore) / (double)connections, "bytes");
            results.Add("resident memory per idle connection", "braid", (rssAfter - rssBefore) / (double)connections, "bytes");
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            results.Notes.Add($"idle connections: {e.Message}");
        }
        finally
        {
            foreach (var s in sockets) s.Dispose();
            EchoProcesses.Stop(server);
        }
    }

    private static (long Open, long Heap) NextReport(System.Diagnostics.Process server)
    {
        while (server.StandardOutput.ReadLine() is { } line)
        {
            if (!line.StartsWith("memory ", StringComparison.Ordinal)) continue;
            var fields = line.Split(' ').Skip(1).Select(f => long.Parse(f[(f.IndexOf('=') + 1)..])).ToArray();
            return (fields[0], fields[1]);
        }
        throw new IOException("the server stopped reporting its memory");
    }

    /// <summary>Resident set size of a process in bytes (VmRSS).</summary>
    private static long Rss(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }
}
