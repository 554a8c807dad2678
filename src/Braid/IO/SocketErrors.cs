using System.Net.Sockets;

namespace Braid.IO;

/// <summary>How a failed socket call surfaces: an <see cref="IOException"/> carrying the <see cref="SocketException"/>, as NetworkStream does.</summary>
internal static class SocketErrors
{
    public static IOException Failed(string operation, SocketError error) =>
        new($"{operation} failed: {Describe(error)}", new SocketException((int)error));

    public static string Describe(SocketError error) => error switch
    {
        SocketError.ConnectionReset => "the peer reset the connection",
        SocketError.ConnectionAborted => "the connection was aborted",
        SocketError.Shutdown => "the connection is shut down for writing",
        SocketError.ConnectionRefused => "connection refused",
        SocketError.TimedOut => "timed out",
        SocketError.TooManyOpenSockets => "too many open files (raise the limit with 'ulimit -n')",
        _ => new SocketException((int)error).Message,
    };

    public static bool WouldBlock(SocketError error) =>
        error is SocketError.WouldBlock or SocketError.IOPending or SocketError.InProgress or SocketError.AlreadyInProgress;
}
