using System.Diagnostics;
using System.Net.Sockets;

namespace Braid.Overheads.Transports;

/// <summary>A Unix domain stream socket, bound to a path in the temporary folder.</summary>
public sealed class UnixSocketTransport : CrossProcessTransport
{
    /// <inheritdoc />
    public override string Name => "uds";

    /// <inheritdoc />
    public override string Label => "Unix domain socket";

    /// <inheritdoc />
    protected override ParentEnd OpenParent()
    {
        var path = Path.Combine(Path.GetTempPath(), $"braid-{Environment.ProcessId}-{Guid.NewGuid():N}.sock");
        Braid.Reporting.Files.TempFiles.Track(path); // removed at an interrupt too
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        return new SocketEnd(listener, path, () => Braid.Reporting.Files.TempFiles.Delete(path));
    }

    /// <inheritdoc />
    public override Stream ConnectChild(string address, Stream standardInput)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(address));
        return new NetworkStream(socket, ownsSocket: true);
    }
}

/// <summary>The listening end of a socket transport: accepts the child's one connection.</summary>
internal sealed class SocketEnd(Socket listener, string address, Action? cleanup = null) : ParentEnd
{
    private static readonly TimeSpan AcceptLimit = TimeSpan.FromSeconds(60);

    public override string Address => address;

    public override Stream Accept(Process child)
    {
        var accept = listener.AcceptAsync();
        // A child that dies before connecting would leave a plain Accept waiting forever.
        while (!accept.Wait(TimeSpan.FromMilliseconds(200)))
        {
            if (child.HasExited) throw new InvalidOperationException($"the receiver exited with {child.ExitCode} before connecting");
            if (DateTime.UtcNow - child.StartTime.ToUniversalTime() > AcceptLimit) throw new TimeoutException("the receiver did not connect");
        }
        var socket = accept.Result;
        // Nagle's algorithm would batch small messages; Unix sockets have no such option (nor need it).
        if (socket.AddressFamily != AddressFamily.Unix) socket.NoDelay = true;
        return new NetworkStream(socket, ownsSocket: true);
    }

    public override void Dispose()
    {
        listener.Dispose();
        cleanup?.Invoke();
        base.Dispose();
    }
}
