using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Braid.MapReduce.Engine;

namespace Braid.MapReduce.Framing;

/// <summary>
/// Encodes a partial result for the pipe: the number of chunks it covers (int32) and their numbers (int32 each), invalid
/// UTF-8 count (int64), kind (0 combined, 1 pairs), entry count (int32), then per entry the key's UTF-8 length (varint),
/// its bytes and the value (zigzag varint).
/// </summary>
public static class PartialCodec
{
    /// <summary>Writes the partial into <paramref name="output"/>.</summary>
    // Hot: compiled fully optimised at once, since a worker calls it only a few dozen times in its life.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Encode(Partial partial, ArrayBufferWriter<byte> output)
    {
        var chunks = output.GetSpan(4 + 4 * partial.Chunks.Count);
        BinaryPrimitives.WriteInt32LittleEndian(chunks, partial.Chunks.Count);
        for (var i = 0; i < partial.Chunks.Count; i++) BinaryPrimitives.WriteInt32LittleEndian(chunks[(4 + 4 * i)..], partial.Chunks[i]);
        output.Advance(4 + 4 * partial.Chunks.Count);
        var head = output.GetSpan(HeaderLength);
        BinaryPrimitives.WriteInt64LittleEndian(head, partial.InvalidUtf8);
        head[8] = partial.Combined is null ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt32LittleEndian(head[9..], partial.Count);
        output.Advance(HeaderLength);
        if (partial.Combined is { } combined)
        {
            for (var i = 0; i < combined.Count; i++)
            {
                // The key is copied straight from the table into the output, never materialised on its own.
                var keyLength = combined.KeyLengthAt(i);
                var span = output.GetSpan(keyLength + 20);
                var at = WriteVarint(span, (ulong)keyLength);
                at += combined.CopyKeyAt(i, span[at..]);
                var value = combined.ValueAt(i);
                at += WriteVarint(span[at..], (ulong)((value << 1) ^ (value >> 63)));
                output.Advance(at);
            }
        }
        else
        {
            foreach (var (key, value) in partial.Pairs!) WriteEntry(output, Encoding.UTF8.GetBytes(key), value);
        }
    }

    /// <summary>Reads a partial written by <see cref="Encode"/> into a table or a list.</summary>
    // Hot: compiled fully optimised at once, since a worker calls it only a few dozen times in its life.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static Partial Decode(ReadOnlySpan<byte> input)
    {
        var reader = new EntryReader(input);
        var combined = reader.IsCombined ? Utf8KeyTable.Rent(reader.Count) : null;
        var pairs = reader.IsCombined ? null : new List<KeyValuePair<string, long>>(reader.Count);
        while (reader.Next(out var key, out var value))
        {
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
        return new Partial(reader.Chunks(), combined, pairs, reader.InvalidUtf8);
    }

    /// <summary>
    /// Wraps a result payload held in a pooled buffer as a partial that the merger reads in place; the partial owns
    /// the buffer from now on. The header is checked here, the entries as they are read.
    /// </summary>
    public static Partial Wrap(byte[] buffer, int length)
    {
        var reader = new EntryReader(buffer.AsSpan(0, length));
        return new Partial(reader.Chunks(), buffer, length, reader.InvalidUtf8, reader.Count);
    }

    /// <summary>Reads the header and then the entries of an encoded partial, one at a time, without allocating.</summary>
    public ref struct EntryReader
    {
        private readonly ReadOnlySpan<byte> _chunks;
        private ReadOnlySpan<byte> _rest;
        private int _left;

        /// <summary>Reads the header; throws <see cref="InvalidDataException"/> for a malformed one.</summary>
        public EntryReader(ReadOnlySpan<byte> input)
        {
            if (input.Length < 4) throw new InvalidDataException("result frame too short");
            var chunks = BinaryPrimitives.ReadInt32LittleEndian(input);
            if (chunks < 0 || chunks > (input.Length - 4 - HeaderLength) / 4) throw new InvalidDataException("bad chunk count in result frame");
            _chunks = input.Slice(4, 4 * chunks);
            input = input[(4 + 4 * chunks)..];
            InvalidUtf8 = BinaryPrimitives.ReadInt64LittleEndian(input);
            var kind = input[8];
            Count = BinaryPrimitives.ReadInt32LittleEndian(input[9..]);
            if (kind > 1 || Count < 0 || (kind == 1 && chunks != 1)) throw new InvalidDataException("bad result frame header");
            IsCombined = kind == 0;
            _rest = input[HeaderLength..];
            _left = Count;
        }

        /// <summary>The chunks the entries came from.</summary>
        public readonly int[] Chunks()
        {
            var chunks = new int[_chunks.Length / 4];
            for (var i = 0; i < chunks.Length; i++) chunks[i] = BinaryPrimitives.ReadInt32LittleEndian(_chunks[(4 * i)..]);
            return chunks;
        }

        /// <summary>Invalid UTF-8 sequences replaced in that chunk.</summary>
        public long InvalidUtf8 { get; }

        /// <summary>True for combined values (one per key), false for pairs in emission order.</summary>
        public bool IsCombined { get; }

        /// <summary>The number of entries.</summary>
        public int Count { get; }

        /// <summary>Reads the next entry; false after the last, which must end the payload exactly.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public bool Next(out ReadOnlySpan<byte> key, out long value)
        {
            if (_left == 0)
            {
                if (!_rest.IsEmpty) throw new InvalidDataException("trailing bytes in result frame");
                key = default;
                value = 0;
                return false;
            }
            _left--;
            var keyLength = checked((int)ReadVarint(ref _rest));
            if (keyLength > _rest.Length) throw new InvalidDataException("truncated key in result frame");
            key = _rest[..keyLength];
            _rest = _rest[keyLength..];
            var zigzag = ReadVarint(ref _rest);
            value = (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
            return true;
        }
    }

    /// <summary>Invalid count, kind and entry count, after the chunk numbers.</summary>
    private const int HeaderLength = 13;

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
