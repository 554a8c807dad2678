namespace Braid.IO;

/// <summary>
/// A <see cref="Stream"/> over a <see cref="SocketStream"/>, so Stream-based code (SslStream, a StreamReader)
/// runs its I/O on the loop. Each ReadAsync or WriteAsync, from whatever thread calls it, becomes a strand on the
/// socket's loop; the returned task completes when that strand is done. The synchronous members would block the loop
/// thread against itself, so they throw.
/// </summary>
internal sealed class LoopStream(SocketStream socket, Kernel kernel) : Stream
{
    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(OnLoop(() => socket.ReceiveSomeAsync(buffer)));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(OnLoop(async () =>
        {
            await socket.SendAllAsync(buffer);
            return true;
        }));

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw Blocking();

    public override void Write(byte[] buffer, int offset, int count) => throw Blocking();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) OnLoop(() => Closed());
        base.Dispose(disposing);
    }

    private Coroutine<bool> Closed()
    {
        socket.Dispose();
        return new Coroutine<bool>(true);
    }

    private static InvalidOperationException Blocking() =>
        new("A Braid socket's Stream is asynchronous only: a blocking read on the loop thread would wait for the loop itself.");

    /// <summary>Runs <paramref name="work"/> as a strand on the socket's loop and returns its result as a task.</summary>
    private Task<T> OnLoop<T>(Func<Coroutine<T>> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Start() => kernel.Spawn<VoidResult>(() => Complete(work, done), kernel.RootScope, "stream-io");
        if (Kernel.Current == kernel) Start();
        else if (kernel.IsClosed) done.SetException(new ClosedResourceException("The socket's loop has finished."));
        else kernel.Inbox.Post(Start);
        return done.Task;
    }

    private static async Coroutine Complete<T>(Func<Coroutine<T>> work, TaskCompletionSource<T> done)
    {
        try
        {
            done.SetResult(await work());
        }
        catch (CancelledException)
        {
            done.SetCanceled(); // the loop is shutting down
        }
        catch (Exception e)
        {
            done.SetException(e);
        }
    }
}
