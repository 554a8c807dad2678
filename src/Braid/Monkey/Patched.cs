using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Braid.IO;

namespace Braid.Monkey;

/// <summary>
/// The cooperative versions of blocking .NET calls that monkey patching redirects to (see the table in
/// src/Braid.Green.Generator/PatchTable.cs; a project turns it on with <c>&lt;BraidMonkeyPatch&gt;true&lt;/BraidMonkeyPatch&gt;</c>).
/// Each one, called on a green thread, blocks only that green thread and lets the loop run the others; called anywhere
/// else it is the original call. Sockets a green thread has used stay nonblocking.
/// </summary>
public static class Patched
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(1);

    /// <summary>Thread.Sleep(int).</summary>
    public static void Sleep(int millisecondsTimeout)
    {
        if (!Green.IsGreenThread) Thread.Sleep(millisecondsTimeout);
        else Sleep(millisecondsTimeout == Timeout.Infinite ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(millisecondsTimeout));
    }

    /// <summary>Thread.Sleep(TimeSpan).</summary>
    public static void Sleep(TimeSpan timeout)
    {
        if (!Green.IsGreenThread) Thread.Sleep(timeout);
        else Green.Sleep(timeout == Timeout.InfiniteTimeSpan ? TimeSpan.FromDays(365 * 100) : timeout);
    }

    /// <summary>Thread.Join(): a green thread polls the OS thread every millisecond of loop time.</summary>
    public static void Join(Thread thread)
    {
        ArgumentNullException.ThrowIfNull(thread);
        if (!Green.IsGreenThread) thread.Join();
        else while (!thread.Join(0)) Green.Sleep(s_poll);
    }

    /// <summary>SemaphoreSlim.Wait(): a green thread awaits WaitAsync on the loop.</summary>
    public static void Wait(SemaphoreSlim semaphore)
    {
        ArgumentNullException.ThrowIfNull(semaphore);
        if (!Green.IsGreenThread) semaphore.Wait();
        else if (!semaphore.Wait(0)) Green.Wait(() => Loop.Cancellable(semaphore.WaitAsync()));
    }

    /// <summary>SemaphoreSlim.Wait(int).</summary>
    public static bool Wait(SemaphoreSlim semaphore, int millisecondsTimeout)
    {
        ArgumentNullException.ThrowIfNull(semaphore);
        if (!Green.IsGreenThread) return semaphore.Wait(millisecondsTimeout);
        return semaphore.Wait(0) || Green.Wait(() => Loop.Cancellable(semaphore.WaitAsync(millisecondsTimeout)));
    }

    /// <summary>ManualResetEventSlim.Wait(): a green thread waits on the event's handle through the thread pool's wait thread.</summary>
    public static void Wait(ManualResetEventSlim @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        if (!Green.IsGreenThread) @event.Wait();
        else if (!@event.IsSet) Green.Wait(() => Loop.Cancellable(WhenSignalled(@event.WaitHandle)));
    }

    /// <summary>Task.Wait(): a green thread awaits the task on the loop, then rethrows as Wait does.</summary>
    public static void Wait(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (Green.IsGreenThread && !task.IsCompleted) Green.Wait(() => Loop.Cancellable(WhenDone(task)));
        task.Wait();
    }

    /// <summary>BlockingCollection.Take(): a green thread polls TryTake every millisecond of loop time.</summary>
    public static T Take<T>(BlockingCollection<T> collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        if (!Green.IsGreenThread) return collection.Take();
        while (true)
        {
            if (collection.TryTake(out var item)) return item;
            if (collection.IsCompleted) return collection.Take(); // throws as the original does
            Green.Sleep(s_poll);
        }
    }

    /// <summary>Socket.Accept(): a green thread parks on the loop's poller until a connection waits.</summary>
    public static Socket Accept(Socket listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        if (!Green.IsGreenThread) return listener.Accept();
        listener.Blocking = false;
        while (true)
        {
            try
            {
                return listener.Accept();
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock)
            {
                WaitReady(listener, read: true);
            }
        }
    }

    /// <summary>Socket.Connect(EndPoint): a green thread awaits ConnectAsync on the loop.</summary>
    public static void Connect(Socket socket, EndPoint remoteEP)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (!Green.IsGreenThread) socket.Connect(remoteEP);
        else Green.Wait(() => Loop.Cancellable(socket.ConnectAsync(remoteEP)));
    }

    /// <summary>Socket.Receive(byte[]).</summary>
    public static int Receive(Socket socket, byte[] buffer) => Receive(socket, buffer.AsSpan());

    /// <summary>Socket.Receive(Span): a green thread parks on the loop's poller while nothing has arrived.</summary>
    public static int Receive(Socket socket, Span<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (!Green.IsGreenThread) return socket.Receive(buffer);
        socket.Blocking = false;
        while (true)
        {
            var n = socket.Receive(buffer, SocketFlags.None, out var error);
            if (error == SocketError.Success) return n;
            if (error != SocketError.WouldBlock) throw new SocketException((int)error);
            WaitReady(socket, read: true);
        }
    }

    /// <summary>Socket.Send(byte[]).</summary>
    public static int Send(Socket socket, byte[] buffer) => Send(socket, (ReadOnlySpan<byte>)buffer);

    /// <summary>Socket.Send(ReadOnlySpan): like the blocking call, sends it all; a green thread parks while the socket is full.</summary>
    public static int Send(Socket socket, ReadOnlySpan<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (!Green.IsGreenThread) return socket.Send(buffer);
        socket.Blocking = false;
        var sent = 0;
        while (sent < buffer.Length)
        {
            var n = socket.Send(buffer[sent..], SocketFlags.None, out var error);
            if (error == SocketError.Success) sent += n;
            else if (error == SocketError.WouldBlock) WaitReady(socket, read: false);
            else throw new SocketException((int)error);
        }
        return sent;
    }

    /// <summary>NetworkStream.Read(byte[], int, int).</summary>
    public static int Read(NetworkStream stream, byte[] buffer, int offset, int count) => Read(stream, buffer.AsSpan(offset, count));

    /// <summary>NetworkStream.Read(Span).</summary>
    public static int Read(NetworkStream stream, Span<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Green.IsGreenThread ? Receive(stream.Socket, buffer) : stream.Read(buffer);
    }

    /// <summary>NetworkStream.Write(byte[], int, int).</summary>
    public static void Write(NetworkStream stream, byte[] buffer, int offset, int count) => Write(stream, (ReadOnlySpan<byte>)buffer.AsSpan(offset, count));

    /// <summary>NetworkStream.Write(ReadOnlySpan).</summary>
    public static void Write(NetworkStream stream, ReadOnlySpan<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (Green.IsGreenThread) Send(stream.Socket, buffer);
        else stream.Write(buffer);
    }

    /// <summary>Stream.Read(byte[], int, int): patched when the stream is a NetworkStream; any other stream reads as it would.</summary>
    public static int Read(Stream stream, byte[] buffer, int offset, int count) =>
        stream is NetworkStream network ? Read(network, buffer, offset, count) : stream.Read(buffer, offset, count);

    /// <summary>Stream.Write(byte[], int, int): patched when the stream is a NetworkStream.</summary>
    public static void Write(Stream stream, byte[] buffer, int offset, int count)
    {
        if (stream is NetworkStream network) Write(network, buffer, offset, count);
        else stream.Write(buffer, offset, count);
    }

    /// <summary>Parks this green thread until the socket is ready: registered with the poller for this one wait (nothing to leak when the code later disposes the socket its own way).</summary>
    private static void WaitReady(Socket socket, bool read) => Green.Wait(() => WaitReadyAsync(socket, read));

    private static async Coroutine WaitReadyAsync(Socket socket, bool read)
    {
        var handle = IoHandle.Register(Kernel.Require(), socket);
        try
        {
            if (read) await handle.WaitReadable();
            else await handle.WaitWritable();
        }
        finally
        {
            handle.Deregister();
        }
    }

    private static Task WhenSignalled(WaitHandle handle)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = ThreadPool.RegisterWaitForSingleObject(handle, (_, _) => done.TrySetResult(), null, Timeout.Infinite, executeOnlyOnce: true);
        done.Task.ContinueWith(_ => registration.Unregister(null), TaskScheduler.Default);
        return done.Task;
    }

    private static Task WhenDone(Task task) => task.ContinueWith(static _ => { }, TaskScheduler.Default);
}
