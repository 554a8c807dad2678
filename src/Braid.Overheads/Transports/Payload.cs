using System.IO.Hashing;

namespace Braid.Overheads.Transports;

/// <summary>
/// The bytes every transport carries: an endless repetition of a 1 MiB pseudo-random pattern, cut into messages.
/// Sender and receiver hash what they saw, so a lost, doubled or damaged byte shows.
/// </summary>
public static class Payload
{
    /// <summary>Length of the repeated pattern; message sizes divide it, so no message straddles its end.</summary>
    public const int PatternLength = 1 << 20;

    private static readonly byte[] Pattern = MakePattern();

    private static byte[] MakePattern()
    {
        var bytes = new byte[PatternLength];
        new Random(20_260_525).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Throws unless <paramref name="messageSize"/> is a power of two no larger than the pattern.</summary>
    public static void RequireMessageSize(int messageSize)
    {
        if (messageSize < 1 || messageSize > PatternLength || (messageSize & (messageSize - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(messageSize), $"a message size must be a power of two from 1 to {PatternLength} bytes");
        }
    }

    /// <summary>Message number <paramref name="index"/> of the stream cut into messages of <paramref name="size"/> bytes.</summary>
    public static ReadOnlySpan<byte> Message(long index, int size) => Pattern.AsSpan((int)(index * size % PatternLength), size);

    /// <summary>The XxHash3 of the first <paramref name="bytes"/> bytes of the stream.</summary>
    public static ulong Hash(long bytes)
    {
        var hash = new XxHash3();
        for (long done = 0; done < bytes;)
        {
            var n = (int)Math.Min(PatternLength, bytes - done);
            hash.Append(Pattern.AsSpan(0, n));
            done += n;
        }
        return hash.GetCurrentHashAsUInt64();
    }
}
