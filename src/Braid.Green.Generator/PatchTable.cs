namespace Braid.Monkey.Generator;

/// <summary>
/// What monkey patching redirects, as data (gevent's monkey.py is a table of this kind). Each row: the blocking API's
/// signature as Roslyn prints it, the interceptor's return type and parameters, and the call it makes instead: a
/// method of Braid.Monkey.Patched, which is cooperative on a green thread and calls the original everywhere else.
/// Add a row here and a method there; nothing else changes.
/// </summary>
internal static class PatchTable
{
    public static readonly Patch[] Rows =
    {
        new("System.Threading.Thread.Sleep(int)", "void", "int millisecondsTimeout", "Sleep(millisecondsTimeout)"),
        new("System.Threading.Thread.Sleep(System.TimeSpan)", "void", "global::System.TimeSpan timeout", "Sleep(timeout)"),
        new("System.Threading.Thread.Join()", "void", "this global::System.Threading.Thread thread", "Join(thread)"),
        new("System.Threading.SemaphoreSlim.Wait()", "void", "this global::System.Threading.SemaphoreSlim semaphore", "Wait(semaphore)"),
        new("System.Threading.SemaphoreSlim.Wait(int)", "bool", "this global::System.Threading.SemaphoreSlim semaphore, int millisecondsTimeout", "Wait(semaphore, millisecondsTimeout)"),
        new("System.Threading.ManualResetEventSlim.Wait()", "void", "this global::System.Threading.ManualResetEventSlim @event", "Wait(@event)"),
        new("System.Threading.Tasks.Task.Wait()", "void", "this global::System.Threading.Tasks.Task task", "Wait(task)"),
        new("System.Collections.Concurrent.BlockingCollection<T>.Take()", "T", "this global::System.Collections.Concurrent.BlockingCollection<T> collection", "Take(collection)", Generic: true),
        new("System.Net.Sockets.Socket.Accept()", "global::System.Net.Sockets.Socket", "this global::System.Net.Sockets.Socket listener", "Accept(listener)"),
        new("System.Net.Sockets.Socket.Connect(System.Net.EndPoint)", "void", "this global::System.Net.Sockets.Socket socket, global::System.Net.EndPoint remoteEP", "Connect(socket, remoteEP)"),
        new("System.Net.Sockets.Socket.Receive(byte[])", "int", "this global::System.Net.Sockets.Socket socket, byte[] buffer", "Receive(socket, buffer)"),
        new("System.Net.Sockets.Socket.Receive(System.Span<byte>)", "int", "this global::System.Net.Sockets.Socket socket, global::System.Span<byte> buffer", "Receive(socket, buffer)"),
        new("System.Net.Sockets.Socket.Send(byte[])", "int", "this global::System.Net.Sockets.Socket socket, byte[] buffer", "Send(socket, buffer)"),
        new("System.Net.Sockets.Socket.Send(System.ReadOnlySpan<byte>)", "int", "this global::System.Net.Sockets.Socket socket, global::System.ReadOnlySpan<byte> buffer", "Send(socket, buffer)"),
        new("System.Net.Sockets.NetworkStream.Read(byte[], int, int)", "int", "this global::System.Net.Sockets.NetworkStream stream, byte[] buffer, int offset, int count", "Read(stream, buffer, offset, count)"),
        new("System.Net.Sockets.NetworkStream.Read(System.Span<byte>)", "int", "this global::System.Net.Sockets.NetworkStream stream, global::System.Span<byte> buffer", "Read(stream, buffer)"),
        new("System.Net.Sockets.NetworkStream.Write(byte[], int, int)", "void", "this global::System.Net.Sockets.NetworkStream stream, byte[] buffer, int offset, int count", "Write(stream, buffer, offset, count)"),
        new("System.Net.Sockets.NetworkStream.Write(System.ReadOnlySpan<byte>)", "void", "this global::System.Net.Sockets.NetworkStream stream, global::System.ReadOnlySpan<byte> buffer", "Write(stream, buffer)"),
        new("System.IO.Stream.Read(byte[], int, int)", "int", "this global::System.IO.Stream stream, byte[] buffer, int offset, int count", "Read(stream, buffer, offset, count)"),
        new("System.IO.Stream.Write(byte[], int, int)", "void", "this global::System.IO.Stream stream, byte[] buffer, int offset, int count", "Write(stream, buffer, offset, count)"),
    };

    /// <summary>
    /// Blocking calls the generator does not redirect (the monitor belongs to the OS thread, so Monitor cannot wait
    /// cooperatively; the rest block inside code the generator never sees): the analyzer warns at each.
    /// </summary>
    public static readonly string[] Unpatched =
    {
        "System.Threading.Monitor.Enter",
        "System.Threading.Monitor.Wait",
        "System.Threading.Thread.Join",
        "System.Threading.Tasks.Task.Wait",
        "System.Threading.Tasks.Task<TResult>.Result",
        "System.Threading.Tasks.Task.WaitAll",
        "System.IO.StreamReader.ReadLine",
        "System.IO.StreamReader.ReadToEnd",
        "System.Console.ReadLine",
        "System.Net.Sockets.TcpListener.AcceptTcpClient",
        "System.Net.Sockets.TcpListener.AcceptSocket",
        "System.Net.Sockets.TcpClient.Connect",
        "System.Net.Dns.GetHostAddresses",
    };
}

/// <summary>One patched call: see <see cref="PatchTable"/>.</summary>
internal sealed record Patch(string Signature, string Returns, string Parameters, string Call, bool Generic = false);
