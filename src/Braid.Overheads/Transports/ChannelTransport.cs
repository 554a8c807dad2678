using System.Buffers;
using System.Diagnostics;
using System.IO.Hashing;
using System.Threading.Channels;

using Braid.Overheads.Child;

namespace Braid.Overheads.Transports;

/// <summary>
/// Within one process: a bounded <see cref="Channel{T}"/> between a sending thread and a receiving task. Each
/// message is copied into a pooled buffer, as a message between processes would be copied, so the bytes per
/// second compare fairly.
/// </summary>
public sealed class ChannelTransport : Transport
{
    /// <inheritdoc />
    public override string Name => "channel";

    /// <inheritdoc />
    public override string Label => "in-process Channel<T>";

    /// <inheritdoc />
    public override TransferResult Transfer(ChildLauncher child, int messageSize, long totalBytes)
    {
        Payload.RequireMessageSize(messageSize);
        var messages = totalBytes / messageSize;
        var expected = Payload.Hash(messages * messageSize);
        var channel = System.Threading.Channels.Channel.CreateBounded<byte[]>(new BoundedChannelOptions(1024) { SingleReader = true, SingleWriter = true });
        var pool = ArrayPool<byte>.Shared;
        var clock = Stopwatch.StartNew();
        var receiver = Task.Run(async () =>
        {
            var hash = new XxHash3();
            long bytes = 0;
            await foreach (var buffer in channel.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                hash.Append(buffer.AsSpan(0, messageSize));
                bytes += messageSize;
                pool.Return(buffer);
            }
            return (bytes, hash.GetCurrentHashAsUInt64());
        });
        for (long i = 0; i < messages; i++)
        {
            var buffer = pool.Rent(messageSize);
            Payload.Message(i, messageSize).CopyTo(buffer);
            while (!channel.Writer.TryWrite(buffer))
            {
                channel.Writer.WaitToWriteAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        channel.Writer.Complete();
        var (received, receivedHash) = receiver.GetAwaiter().GetResult();
        return new(Name, messageSize, messages, messages * messageSize, received, expected, receivedHash, clock.Elapsed);
    }
}
