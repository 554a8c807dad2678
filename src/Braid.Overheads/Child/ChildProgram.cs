using System.IO.Hashing;
using Braid.Overheads.Transports;

namespace Braid.Overheads.Child;

/// <summary>
/// What <c>braid child MODE</c> does: the other end of the process units and cross-process transports.
/// <list type="bullet">
/// <item><c>exit</c>: exits at once (create+join).</item>
/// <item><c>park</c>: prints "ready", then waits for the end of its input (memory per process).</item>
/// <item><c>echo</c>: copies its input to its output as it arrives (ping-pong).</item>
/// <item><c>sink TRANSPORT ADDRESS</c>: connects to the parent over a transport, prints "ready", reads to the end,
/// and prints "done BYTES HASH" (throughput and integrity).</item>
/// </list>
/// </summary>
public static class ChildProgram
{
    /// <summary>The modes, for the usage message.</summary>
    public const string Usage = "usage: braid child exit | park | echo | sink TRANSPORT ADDRESS";

    /// <summary>Runs a mode over the given standard streams; returns the exit code (2 for a bad mode).</summary>
    public static int Run(IReadOnlyList<string> args, Stream input, Stream output, TextWriter error)
    {
        switch (args.Count > 0 ? args[0] : "")
        {
            case "exit":
                return 0;
            case "park":
                WriteLine(output, "ready");
                input.CopyTo(Stream.Null);
                return 0;
            case "echo":
                Echo(input, output);
                return 0;
            case "sink" when args.Count == 3:
                if (Transport.ByName(args[1]) is not CrossProcessTransport transport)
                {
                    error.WriteLine($"braid child: unknown transport '{args[1]}'");
                    return 2;
                }
                using (var stream = transport.ConnectChild(args[2], input))
                {
                    WriteLine(output, "ready");
                    var (bytes, hash) = Drain(stream);
                    WriteLine(output, $"done {bytes} {hash:x16}");
                }
                return 0;
            default:
                error.WriteLine($"braid child: {Usage}");
                return 2;
        }
    }

    /// <summary>Reads a stream to its end; returns how many bytes came and their XxHash3.</summary>
    public static (long Bytes, ulong Hash) Drain(Stream stream)
    {
        var hash = new XxHash3();
        var buffer = new byte[256 * 1024];
        long total = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            hash.Append(buffer.AsSpan(0, read));
            total += read;
        }
        return (total, hash.GetCurrentHashAsUInt64());
    }

    private static void Echo(Stream input, Stream output)
    {
        var buffer = new byte[4096];
        int read;
        while ((read = input.Read(buffer)) > 0)
        {
            output.Write(buffer, 0, read);
            output.Flush();
        }
    }

    private static void WriteLine(Stream output, string line)
    {
        output.Write(System.Text.Encoding.ASCII.GetBytes(line + "\n"));
        output.Flush();
    }
}
