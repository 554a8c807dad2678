using System.IO.Pipes;
using System.Runtime.InteropServices;

namespace Braid.MapReduce.Executors;

/// <summary>
/// Enlarges a pipe's kernel buffer on Linux (64 KB by default) so that a chunk of several megabytes crosses in a few
/// large copies instead of a hundred small ones, each a pair of context switches. Best effort: elsewhere, or when the
/// kernel refuses, the pipe keeps its size.
/// </summary>
internal static partial class PipeBuffer
{
    /// <summary>The size asked for: Linux's default ceiling for unprivileged processes (/proc/sys/fs/pipe-max-size).</summary>
    public const int Size = 1 << 20;

    private const int SetPipeSize = 1031; // F_SETPIPE_SZ

    /// <summary>Asks for a larger buffer on the pipe behind <paramref name="stream"/>; returns false if it stayed as it was.</summary>
    public static bool TryEnlarge(Stream stream)
    {
        if (!OperatingSystem.IsLinux() || stream is not PipeStream pipe) return false;
        try
        {
            return Fcntl((int)pipe.SafePipeHandle.DangerousGetHandle(), SetPipeSize, Size) >= Size;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or ObjectDisposedException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);
}
