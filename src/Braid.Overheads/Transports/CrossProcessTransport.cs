using System.Diagnostics;
using Braid.Overheads.Child;

namespace Braid.Overheads.Transports;

/// <summary>The parent's end of a cross-process transport while a transfer runs.</summary>
public abstract class ParentEnd : IDisposable
{
    /// <summary>What the child needs to connect (a path, a port, "-" for its standard input).</summary>
    public abstract string Address { get; }

    /// <summary>The stream to send on, once the child has started (and connected, for sockets).</summary>
    public abstract Stream Accept(Process child);

    /// <inheritdoc />
    public virtual void Dispose() => GC.SuppressFinalize(this);
}

/// <summary>
/// A transport between two processes: the parent sends, a <c>braid child sink</c> receives and reports the byte
/// count and hash of what it got. The clock runs from the first write to that report.
/// </summary>
public abstract class CrossProcessTransport : Transport
{
    /// <summary>Opens the parent's end (listens, creates the shared file...).</summary>
    protected abstract ParentEnd OpenParent();

    /// <summary>In the child: connects to the parent at <paramref name="address"/> and returns the stream to receive on.</summary>
    public abstract Stream ConnectChild(string address, Stream standardInput);

    /// <inheritdoc />
    public override TransferResult Transfer(ChildLauncher child, int messageSize, long totalBytes)
    {
        Payload.RequireMessageSize(messageSize);
        var messages = totalBytes / messageSize;
        var expected = Payload.Hash(messages * messageSize);
        using var end = OpenParent();
        using var receiver = child.Start(["sink", Name, end.Address]);
        try
        {
            TimeSpan elapsed;
            string? done;
            using (var sender = end.Accept(receiver))
            {
                var ready = receiver.StandardOutput.ReadLine();
                if (ready != "ready") throw new InvalidOperationException($"the {Label} receiver did not start (said '{ready}')");
                var clock = Stopwatch.StartNew();
                Send(sender, messageSize, messages);
                sender.Close();
                done = receiver.StandardOutput.ReadLine();
                elapsed = clock.Elapsed;
            }
            var parts = done?.Split(' ');
            if (parts is not ["done", var bytes, var hash]) throw new InvalidOperationException($"the {Label} receiver failed (said '{done}')");
            try
            {
                receiver.StandardInput.Close();
            }
            catch (ObjectDisposedException)
            {
                // The pipe transport has already closed it: it was the data stream.
            }
            receiver.WaitForExit();
            return new(Name, messageSize, messages, messages * messageSize, long.Parse(bytes), expected,
                Convert.ToUInt64(hash, 16), elapsed);
        }
        finally
        {
            if (!receiver.HasExited) receiver.Kill();
        }
    }
}
