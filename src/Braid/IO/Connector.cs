using System.Net;
using System.Net.Sockets;

namespace Braid.IO;

/// <summary>A nonblocking connect: start it, park until the socket is writable, then read the outcome from SO_ERROR.</summary>
internal static class Connector
{
    public static async Coroutine<SocketStream> ConnectAsync(Socket socket, EndPoint endPoint)
    {
        var kernel = Kernel.Require();
        SocketStream? stream = null;
        try
        {
            stream = new SocketStream(socket, kernel); // registers first: the connect's completion is an edge not to miss
            kernel.ThrowIfCancelPending();
            try
            {
                socket.Connect(endPoint);
                return stream;
            }
            catch (SocketException e) when (SocketErrors.WouldBlock(e.SocketErrorCode))
            {
            }
            catch (SocketException e)
            {
                throw SocketErrors.Failed($"connect to {endPoint}", e.SocketErrorCode);
            }
            await stream.WaitConnectedAsync();
            var error = (SocketError)(int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
            if (error != SocketError.Success) throw SocketErrors.Failed($"connect to {endPoint}", error);
            return stream;
        }
        catch
        {
            if (stream is not null) stream.Dispose();
            else socket.Dispose();
            throw;
        }
    }
}
