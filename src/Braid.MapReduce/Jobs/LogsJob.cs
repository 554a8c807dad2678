using System.Buffers;
using Braid.MapReduce.Engine;

namespace Braid.MapReduce.Jobs;

/// <summary>
/// Web server log analytics over the combined log format. Per line it emits counts under these keys (a tab separates
/// a key's kind from its value): <c>requests</c>, <c>bytes</c> (summed), <c>status\t200</c>, <c>hour\t13</c>,
/// <c>path\t/index.html</c>, <c>ip\t10.0.0.1</c>; a malformed line (an empty line included) is counted under
/// <c>malformed</c> and, for the first few in each chunk, recorded as <c>malformed-line\t000001\t000000000042</c> (the
/// input file's position in the list of files, then the line number), so the report can name the first malformed lines
/// of the whole input, file by file. Malformed lines are never fatal.
/// </summary>
public sealed class LogsJob : MapReduceJob
{
    /// <summary>The job's name.</summary>
    public const string JobName = "logs";

    /// <summary>Malformed line numbers kept per chunk (and so the most the report can name).</summary>
    public const int MalformedSamples = 5;

    /// <summary>Key of the count of well-formed requests.</summary>
    public const string Requests = "requests";

    /// <summary>Key of the sum of bytes served.</summary>
    public const string BytesServed = "bytes";

    /// <summary>Key of the count of malformed lines.</summary>
    public const string Malformed = "malformed";

    /// <summary>Prefix of per-status counts.</summary>
    public const string StatusPrefix = "status\t";

    /// <summary>Prefix of per-hour counts.</summary>
    public const string HourPrefix = "hour\t";

    /// <summary>Prefix of per-path counts.</summary>
    public const string PathPrefix = "path\t";

    /// <summary>Prefix of per-client counts.</summary>
    public const string IpPrefix = "ip\t";

    /// <summary>Prefix of the recorded malformed line numbers.</summary>
    public const string MalformedLinePrefix = "malformed-line\t";

    /// <summary>Digits of the file index in a malformed line's key: keys sort by file, then by line.</summary>
    private const int FileDigits = 6;

    /// <inheritdoc />
    public override string Name => JobName;

    /// <inheritdoc />
    public override bool HasCombiner => true;

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
    // Hot: compiled fully optimised at once, since a worker calls it only a few dozen times in its life.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Map(ReadOnlySpan<char> text, long firstLine, Emitter output)
    {
        var key = ArrayPool<char>.Shared.Rent(256);
        try
        {
            var number = firstLine;
            var samples = 0;
            Span<char> digits = stackalloc char[12];
            if ((uint)output.FileIndex >= 1_000_000) throw new NotSupportedException("the logs job reads at most a million files");
            Span<char> place = stackalloc char[FileDigits + 1 + 12];
            output.FileIndex.TryFormat(place, out _, "D6");
            place[FileDigits] = '\t';
            Span<char> hour = stackalloc char[2];
            while (!text.IsEmpty)
            {
                var end = text.IndexOf('\n');
                var line = end < 0 ? text : text[..end];
                text = end < 0 ? default : text[(end + 1)..];
                if (line.EndsWith('\r')) line = line[..^1];

                if (LogLine.TryParse(line, out var entry))
                {
                    output.Emit(Requests, 1);
                    output.Emit(BytesServed, entry.Bytes);
                    entry.Status.TryFormat(digits, out var written);
                    Emit(output, ref key, StatusPrefix, digits[..written]);
                    hour[0] = (char)('0' + entry.Hour / 10);
                    hour[1] = (char)('0' + entry.Hour % 10);
                    Emit(output, ref key, HourPrefix, hour);
                    Emit(output, ref key, PathPrefix, entry.Path);
                    Emit(output, ref key, IpPrefix, entry.Ip);
                }
                else
                {
                    output.Emit(Malformed, 1);
                    if (samples++ < MalformedSamples)
                    {
                        number.TryFormat(place[(FileDigits + 1)..], out var written, "D12");
                        Emit(output, ref key, MalformedLinePrefix, place[..(FileDigits + 1 + written)]);
                    }
                }
                number++;
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(key);
        }
    }

    private static void Emit(Emitter output, ref char[] buffer, string prefix, ReadOnlySpan<char> value)
    {
        var length = prefix.Length + value.Length;
        if (buffer.Length < length)
        {
            ArrayPool<char>.Shared.Return(buffer);
            buffer = ArrayPool<char>.Shared.Rent(length);
        }
        prefix.CopyTo(buffer);
        value.CopyTo(buffer.AsSpan(prefix.Length));
        output.Emit(buffer.AsSpan(0, length), 1);
    }
}
