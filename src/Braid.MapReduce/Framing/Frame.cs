using System.Buffers;
using System.Buffers.Binary;

namespace Braid.MapReduce.Framing;

/// <summary>
/// Length-prefixed binary frames on a byte stream (a pipe): a 4-byte little-endian length of what follows, one byte
/// of <see cref="FrameType"/>, then the payload. A frame is read whole or not at all: a stream that ends inside a
/// frame is an error, a stream that ends between frames is a clean end.
/// </summary>
public static class Frame
{
    /// <summary>The largest payload accepted (a chunk holding one very long line may be large, but not this large).</summary>
    public const int MaxPayload = int.MaxValue - 64;

    /// <summary>Writes one frame whose payload is <paramref name="head"/> followed by <paramref name="body"/>.</summary>
    public static void Write(Stream stream, FrameType type, ReadOnlySpan<byte> head, ReadOnlySpan<byte> body = default)
    {
        Span<byte> prefix = stackalloc byte[5];
        BinaryPrimitives.WriteInt32LittleEndian(prefix, checked(1 + head.Length + body.Length));
        prefix[4] = (byte)type;
        stream.Write(prefix);
        stream.Write(head);
        if (!body.IsEmpty) stream.Write(body);
        stream.Flush();
    }

    /// <summary>
    /// Reads one frame into a pooled buffer (the caller returns it with <see cref="ArrayPool{T}.Return"/>); returns
    /// false at a clean end of stream.
    /// </summary>
    public static bool TryRead(Stream stream, out FrameType type, out byte[] buffer, out int length) =>
        TryRead(stream, MaxPayload, out type, out buffer, out length);

    /// <summary>
    /// Reads one frame as <see cref="TryRead(Stream, out FrameType, out byte[], out int)"/> does, refusing (with
    /// <see cref="InvalidDataException"/>, before allocating) one whose payload is longer than <paramref name="maxPayload"/>.
    /// </summary>
    public static bool TryRead(Stream stream, int maxPayload, out FrameType type, out byte[] buffer, out int length)
    {
        Span<byte> prefix = stackalloc byte[5];
        var got = ReadAtMost(stream, prefix);
        if (got == 0)
        {
            type = default;
            buffer = [];
            length = 0;
            return false;
        }
        if (got < prefix.Length) throw new EndOfStreamException("stream ended inside a frame header");
        var total = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        if (total < 1 || total - 1 > Math.Min(maxPayload, MaxPayload)) throw new InvalidDataException($"bad frame length {total}");
        type = (FrameType)prefix[4];
        length = total - 1;
        buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, length));
        if (ReadAtMost(stream, buffer.AsSpan(0, length)) < length)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw new EndOfStreamException("stream ended inside a frame");
        }
        return true;
    }

    private static int ReadAtMost(Stream stream, Span<byte> into)
    {
        var total = 0;
        while (total < into.Length)
        {
            var read = stream.Read(into[total..]);
            if (read == 0) break;
            total += read;
        }
        return total;
    }
}
