using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Braid.IO;

/// <summary>The few libc calls Braid.IO needs on Linux: epoll, eventfd, and read, write and fcntl for pipes. Nothing else in Braid calls libc.</summary>
internal static partial class Native
{
    public const int EpollCtlAdd = 1;
    public const int EpollCtlDel = 2;
    public const uint EpollIn = 0x001;
    public const uint EpollOut = 0x004;
    public const uint EpollErr = 0x008;
    public const uint EpollHup = 0x010;
    public const uint EpollRdHup = 0x2000;
    public const uint EpollEt = 1u << 31;
    public const int EpollCloexec = 0x80000;
    public const int EfdCloexec = 0x80000;
    public const int EfdNonblock = 0x800;
    public const int EIntr = 4;
    public const int EAgain = 11;
    public const int FGetFl = 3;
    public const int FSetFl = 4;
    public const int ONonblock = 0x800;

    /// <summary>
    /// struct epoll_event is packed on x86-64 (12 bytes: events at 0, data at 4) and naturally aligned elsewhere (16
    /// bytes, data at 8), so the poller reads and writes it by offset rather than through one struct.
    /// </summary>
    public static readonly int EventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    public static readonly int DataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int EpollCreate1(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    public static unsafe partial int EpollCtl(SafeFileHandle epfd, int op, nint fd, byte* ev);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    public static unsafe partial int EpollWait(SafeFileHandle epfd, byte* events, int maxEvents, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initval, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static unsafe partial nint Read(SafeHandle fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static unsafe partial nint Write(SafeHandle fd, byte* buffer, nint count);

    // fcntl is variadic; with only integer arguments the x86-64 and AArch64 Linux conventions pass them as for a plain call.
    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(SafeHandle fd, int command, int argument);

    /// <summary>Sets O_NONBLOCK on a descriptor (a pipe's end: the child's end has its own open file description).</summary>
    public static void MakeNonblocking(SafeHandle fd)
    {
        var flags = Fcntl(fd, FGetFl, 0);
        if (flags < 0 || Fcntl(fd, FSetFl, flags | ONonblock) < 0) throw new IOException($"fcntl failed: {Marshal.GetLastPInvokeErrorMessage()}");
    }

    /// <summary>Wraps a new descriptor, or throws with the OS's reason.</summary>
    public static SafeFileHandle Own(int fd, string what) =>
        fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true) : throw new IOException($"{what} failed: {Marshal.GetLastPInvokeErrorMessage()}");
}
