using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Braid.MapReduce.Engine;

/// <summary>What kind of thing a path names, as far as reading it is concerned.</summary>
internal enum FileKind
{
    Missing,
    Regular,
    Directory,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
}

/// <summary>
/// What an input file is at one moment: its kind, its length, and the marks of its version (inode, modification and
/// change times). Two statuses of the same path with equal marks are the same content, as far as the kernel tells;
/// a file that was truncated, grown or rewritten differs in at least one. Read with statx(2) on Linux, so that a FIFO
/// or a device is recognised without opening it (opening a FIFO blocks until someone writes to it); elsewhere, from
/// <see cref="FileInfo"/>, where only regular files and folders are told apart.
/// </summary>
internal readonly partial record struct FileStatus(FileKind Kind, long Length, ulong Inode, long ModifiedNs, long ChangedNs)
{
    /// <summary>The status of <paramref name="path"/>, following symbolic links.</summary>
    public static FileStatus Of(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            Span<byte> buffer = stackalloc byte[256];
            if (Statx(AtFdCwd, path, 0, StatxBasicStats, ref MemoryMarshal.GetReference(buffer)) == 0) return FromStatx(buffer);
            // ENOENT, ENOTDIR: nothing there; anything else (EACCES on a folder above): let the open report it.
            var errno = Marshal.GetLastPInvokeError();
            if (errno is 2 or 20) return default;
        }
        if (Directory.Exists(path)) return new(FileKind.Directory, 0, 0, 0, 0);
        var info = new FileInfo(path);
        return info.Exists ? new(FileKind.Regular, info.Length, 0, info.LastWriteTimeUtc.Ticks * 100, 0) : default;
    }

    /// <summary>True when <paramref name="other"/> is the same version of the same file.</summary>
    public bool SameVersion(FileStatus other) => this == other;

    /// <summary>How it differs from <paramref name="now"/>, in a few words, for the error message.</summary>
    public string Change(FileStatus now) =>
        now.Kind == FileKind.Missing ? "it was removed"
        : now.Length != Length ? $"it was {Length} bytes, it is {now.Length} now"
        : now.Inode != Inode ? "it was replaced by another file"
        : "it was rewritten";

    private static FileStatus FromStatx(ReadOnlySpan<byte> b)
    {
        // struct statx (linux/stat.h) has the same layout on every architecture.
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(b[28..]);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Regular,
        };
        var inode = BinaryPrimitives.ReadUInt64LittleEndian(b[32..]);
        var size = BinaryPrimitives.ReadInt64LittleEndian(b[40..]);
        return new(kind, size, inode, Timestamp(b[112..]), Timestamp(b[96..]));
    }

    private static long Timestamp(ReadOnlySpan<byte> b) =>
        BinaryPrimitives.ReadInt64LittleEndian(b) * 1_000_000_000 + BinaryPrimitives.ReadUInt32LittleEndian(b[8..]);

    private const int AtFdCwd = -100;
    private const uint StatxBasicStats = 0x7ff;

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, ref byte buffer);
}
