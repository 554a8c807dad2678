using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Braid.MapReduce.Engine;

namespace Braid.MapReduce.Framing;

/// <summary>
/// Encodes a chunk's partial result for the pipe: chunk number (int32), invalid UTF-8 count (int64), kind (0 combined,
/// 1 pairs), entry count (int32), then per entry the key's UTF-8 length (varint), its bytes and the value (zigzag varint).
/// </summary>
public static class PartialCodec
{
    /// <summary>Writes the partial into <paramref name="output"/>.</summary>
    public static void Encode(Partial partial, ArrayBufferWriter<byte> output)
    {
        var head = output.GetSpan(17);
        BinaryPrimitives.WriteInt32LittleEndian(head, partial.ChunkIndex);
        BinaryPrimitives.WriteInt64LittleEndian(head[4..], partial.InvalidUtf8);
        head[12] = partial.Combined is null ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt32LittleEndian(head[13..], partial.Count);
        output.Advance(17);
        if (partial.Combined is { } combined)
        {
            for (var i = 0; i < combined.Count; i++) WriteEntry(output, combined.KeyAt(i), combined.ValueAt(i));
        }
        else
        {
            foreach (var (key, value) in partial.Pairs!) WriteEntry(output, Encoding.UTF8.GetBytes(key), value);
        }
    }

    /// <summary>Reads a partial written by <see cref="Encode"/>.</summary>
    public static Partial Decode(ReadOnlySpan<byte> input)
    {
        if (input.Length < 17) throw new InvalidDataException("result frame too short");
        var chunkIndex = BinaryPrimitives.ReadInt32LittleEndian(input);
        var invalid = BinaryPrimitives.ReadInt64LittleEndian(input[4..]);
        var kind = input[12];
        var count = BinaryPrimitives.ReadInt32LittleEndian(input[13..]);
        if (kind > 1 || count < 0) throw new InvalidDataException("bad result frame header");
        var rest = input[17..];
        var combined = kind == 0 ? Utf8KeyTable.Rent(count) : null;
        List<KeyValuePair<string, long>>? pairs = kind == 1 ? new(count) : null;
        for (var i = 0; i < count; i++)
        {
            var keyLength = checked((int)ReadVarint(ref rest));
            var key = rest[..keyLength];
            rest = rest[keyLength..];
            var zigzag = ReadVarint(ref rest);
            var value = (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
            if (combined is not null)
            {
                combined.GetOrAdd(key, out var exists) = value;
                if (exists) throw new InvalidDataException("duplicate key in combined result");
            }
            else
            {
                pairs!.Add(new(Encoding.UTF8.GetString(key), value));
            }
        }
        if (!rest.IsEmpty) throw new InvalidDataException("trailing bytes in result frame");
        return new Partial(chunkIndex, combined, pairs, invalid);
    }

    private static void WriteEntry(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> key, long value)
    {
        var span = output.GetSpan(key.Length + 20);
        var at = WriteVarint(span, (ulong)key.Length);
        key.CopyTo(span[at..]);
        at += key.Length;
        at += WriteVarint(span[at..], (ulong)((value << 1) ^ (value >> 63)));
        output.Advance(at);
    }

    private static int WriteVarint(Span<byte> into, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            into[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        into[i++] = (byte)value;
        return i;
    }

    private static ulong ReadVarint(ref ReadOnlySpan<byte> from)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (from.IsEmpty) throw new InvalidDataException("truncated varint");
            var b = from[0];
            from = from[1..];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException("varint too long");
    }
}
