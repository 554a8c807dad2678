using System.Net;
using System.Net.Sockets;

namespace Braid.IO;

/// <summary>
/// A listening socket on the loop (Trio's SocketListener): <see cref="AcceptAsync"/> one connection at a time, or
/// <see cref="ServeAsync"/> to run a handler per connection in a task group (asyncio's start_server, Trio's serve_tcp).
/// </summary>
public sealed class SocketListener : IDisposable
{
    private readonly Socket _socket;
    private readonly IoHandle _io;
    private readonly Kernel _kernel;
    private readonly string? _unixPath;
    private bool _closed;

    internal SocketListener(Socket socket, Kernel kernel, string? unixPath = null)
    {
        _socket = socket;
        _kernel = kernel;
        _unixPath = unixPath;
        _io = IoHandle.Register(kernel, socket);
    }

    /// <summary>The address it listens on.</summary>
    public EndPoint LocalEndPoint => _socket.LocalEndPoint!;

    /// <summary>The TCP port it listens on (useful after listening on port 0).</summary>
    public int Port => (LocalEndPoint as IPEndPoint)?.Port ?? throw new InvalidOperationException("Not a TCP listener.");

    /// <summary>Connections accepted so far.</summary>
    public long Accepted { get; private set; }

    /// <summary>Connections whose handler is running now (under <see cref="ServeAsync"/>).</summary>
    public long Open { get; private set; }

    /// <summary>Connections whose handler failed (their error was reported and the connection closed; serving went on).</summary>
    public long Failed { get; private set; }

    /// <summary>Waits for the next connection; a cancellation point.</summary>
    public async Coroutine<SocketStream> AcceptAsync()
    {
        while (true)
        {
            if (_closed) throw new ClosedResourceException("This listener is closed.");
            _kernel.ThrowIfCancelPending();
            Socket accepted;
            try
            {
                accepted = _socket.Accept();
            }
            catch (SocketException e) when (SocketErrors.WouldBlock(e.SocketErrorCode))
            {
                await _io.WaitReadable();
                continue;
            }
            catch (SocketException e)
            {
                throw SocketErrors.Failed("accept", e.SocketErrorCode);
            }
            Accepted++;
            return new SocketStream(accepted, _kernel);
        }
    }

    /// <summary>
    /// Accepts connections until cancelled, running <paramref name="handler"/> for each in its own strand of one task
    /// group; the stream is closed when the handler returns. A handler that fails (the peer reset, closed mid-message)
    /// ends only its own connection: the error goes to <paramref name="onError"/> and serving goes on. Running out of
    /// file descriptors pauses accepting briefly (as Go's server does) rather than ending the server.
    /// </summary>
    public Coroutine ServeAsync(Func<SocketStream, Coroutine> handler, Action<Exception>? onError = null) =>
        TaskGroup.RunAsync(async group =>
        {
            while (true)
            {
                SocketStream stream;
                try
                {
                    stream = await AcceptAsync();
                }
                catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.TooManyOpenSockets })
                {
                    onError?.Invoke(e);
                    await Loop.Sleep(TimeSpan.FromMilliseconds(10));
                    continue;
                }
                group.Spawn(() => HandleAsync(stream, handler, onError));
            }
        });

    private async Coroutine HandleAsync(SocketStream stream, Func<SocketStream, Coroutine> handler, Action<Exception>? onError)
    {
        Open++;
        try
        {
            await handler(stream);
        }
        catch (Exception e) when (e is not CancelledException)
        {
            Failed++;
            onError?.Invoke(e);
        }
        finally
        {
            Open--;
            stream.Dispose();
        }
    }

    /// <summary>Stops listening; a strand parked in <see cref="AcceptAsync"/> gets <see cref="ClosedResourceException"/>.</summary>
    public void Dispose()
    {
        if (_closed) return;
        _closed = true;
        _io.Close(); // a strand parked on the socket wakes to ClosedResourceException
        if (_unixPath is not null) File.Delete(_unixPath);
    }
}
