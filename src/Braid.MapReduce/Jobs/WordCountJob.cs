using System.Buffers;
using System.Text;
using Braid.MapReduce.Engine;

namespace Braid.MapReduce.Jobs;

/// <summary>
/// Counts words: a word is a maximal run of Unicode letters or digits, lowercased with the invariant culture. It maps
/// raw UTF-8: ASCII takes a fast path (one table lookup per byte, and no copy for a word already lowercase); other
/// bytes are read as whole runes, so every script counts, and an invalid sequence separates words, as the U+FFFD
/// that replaces it would.
/// </summary>
public sealed class WordCountJob : MapReduceJob
{
    /// <summary>The job's name.</summary>
    public const string JobName = "wordcount";

    private const byte Separator = 0;
    private const byte Lower = 1;
    private const byte Upper = 2;

    /// <summary>Class of each byte: separator, lowercase letter or digit, uppercase letter, or (3) part of a non-ASCII rune.</summary>
    private static ReadOnlySpan<byte> Classes =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
        0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0,
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3
    ];

    /// <inheritdoc />
    public override string Name => JobName;

    /// <inheritdoc />
    public override bool HasCombiner => true;

    /// <inheritdoc />
    public override bool UsesLineNumbers => false;

    /// <inheritdoc />
    public override long Combine(long a, long b) => a + b;

    /// <inheritdoc />
    public override bool CombineIsSum => true;

    /// <inheritdoc />
    public override long Reduce(string key, ReadOnlySpan<long> values)
    {
        long sum = 0;
        foreach (var v in values) sum += v;
        return sum;
    }

    /// <inheritdoc />
    public override bool MapsUtf8 => true;

    /// <inheritdoc />
    public override void Map(ReadOnlySpan<char> text, long firstLine, Emitter output)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            MapUtf8(bytes.AsSpan(0, Encoding.UTF8.GetBytes(text, bytes)), firstLine, output);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <inheritdoc />
    // Hot: compiled fully optimised at once, since a worker calls it only a few dozen times in its life.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void MapUtf8(ReadOnlySpan<byte> text, long firstLine, Emitter output)
    {
        var classes = Classes;
        byte[]? rented = null;
        Span<byte> lowered = stackalloc byte[256];
        var i = 0;
        var n = text.Length;
        try
        {
            while (i < n)
            {
                // Skip separators.
                var kind = classes[text[i]];
                if (kind == Separator)
                {
                    i++;
                    continue;
                }
                if (kind > Upper && !IsWordRune(text, i, out var skip, out _))
                {
                    i += skip;
                    continue;
                }

                // A word starts at i: find its end, noting whether it needs lowercasing.
                var start = i;
                var needsLowering = false;
                while (i < n)
                {
                    kind = classes[text[i]];
                    if (kind == Lower)
                    {
                        i++;
                    }
                    else if (kind == Upper)
                    {
                        needsLowering = true;
                        i++;
                    }
                    else if (kind == Separator || !IsWordRune(text, i, out var width, out var rune))
                    {
                        break;
                    }
                    else
                    {
                        needsLowering |= Rune.ToLowerInvariant(rune) != rune;
                        i += width;
                    }
                }

                scoped ReadOnlySpan<byte> word = text[start..i];
                if (needsLowering)
                {
                    // Lowercasing a rune may change its UTF-8 length (by at most half again), so allow twice the room.
                    var room = word.Length * 2 + 4;
                    if (lowered.Length < room)
                    {
                        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
                        rented = ArrayPool<byte>.Shared.Rent(room);
                        lowered = rented;
                    }
                    word = lowered[..LowerInto(word, lowered)];
                }
                output.Emit(word, 1);
            }
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Lowercases a word (valid UTF-8 of letters and digits) into <paramref name="into"/>; returns the bytes written.</summary>
    private static int LowerInto(ReadOnlySpan<byte> word, Span<byte> into)
    {
        var written = 0;
        var i = 0;
        while (i < word.Length)
        {
            var b = word[i];
            if (b < 128)
            {
                into[written++] = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;
                i++;
                continue;
            }
            Rune.DecodeFromUtf8(word[i..], out var rune, out var consumed);
            written += Rune.ToLowerInvariant(rune).EncodeToUtf8(into[written..]);
            i += consumed;
        }
        return written;
    }

    /// <summary>True when the rune at <paramref name="index"/> is a letter or digit; gives its width in bytes (at least 1).</summary>
    private static bool IsWordRune(ReadOnlySpan<byte> text, int index, out int width, out Rune rune)
    {
        if (Rune.DecodeFromUtf8(text[index..], out rune, out width) != OperationStatus.Done)
        {
            width = Math.Max(width, 1);
            return false;
        }
        return Rune.IsLetterOrDigit(rune);
    }
}
