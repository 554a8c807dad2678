namespace Braid.MapReduce.Engine;

/// <summary>Input that a job cannot read: a missing file, a directory, an unreadable file, a FIFO or a device.</summary>
public sealed class InputException(string message) : Exception(message);

/// <summary>
/// An input file changed while a job read it (it shrank, grew or was rewritten): the job fails, since its result would
/// count an input that no longer exists, or a part of one. The message starts with the file's name and "changed".
/// </summary>
public sealed class InputChangedException(string file, string how) : IOException($"{file} changed while the job read it: {how}")
{
    /// <summary>The file that changed.</summary>
    public string File { get; } = file;
}

/// <summary>
/// Checks input files before a job starts, so that a bad path fails at once with one clear line, and checks after it
/// that none changed. A job reads its inputs more than once (it splits them, then reads each chunk, perhaps in another
/// process), so it takes regular files only: a FIFO, /dev/stdin on a pipe or a terminal, or a device is refused up
/// front, by name, before it is opened (opening a FIFO would wait for a writer), and so are files that report no
/// length but have content (those under /proc and /sys), which a job would read as empty.
/// </summary>
public static class InputFiles
{
    /// <summary>Throws <see cref="InputException"/> for the first unusable file; returns the total size in bytes.</summary>
    public static long Validate(IReadOnlyList<string> files) => Snapshot(files).Sum(s => s.Length);

    /// <summary>Checks every file as <see cref="Validate"/> does; returns the status of each, to compare with later.</summary>
    internal static IReadOnlyList<FileStatus> Snapshot(IReadOnlyList<string> files)
    {
        if (files.Count == 0) throw new InputException("no input files given");
        var statuses = new FileStatus[files.Count];
        for (var i = 0; i < files.Count; i++) statuses[i] = Check(files[i]);
        return statuses;
    }

    /// <summary>Throws <see cref="InputChangedException"/> for the first file that is not as it was in <paramref name="before"/>.</summary>
    internal static void CheckUnchanged(IReadOnlyList<string> files, IReadOnlyList<FileStatus> before)
    {
        for (var i = 0; i < files.Count; i++)
        {
            var now = FileStatus.Of(files[i]);
            if (!before[i].SameVersion(now)) throw new InputChangedException(files[i], before[i].Change(now));
        }
    }

    private static FileStatus Check(string file)
    {
        var status = FileStatus.Of(file);
        switch (status.Kind)
        {
            case FileKind.Missing: throw new InputException($"no such file: {file}");
            case FileKind.Directory: throw new InputException($"{file} is a directory, not a file");
            case FileKind.Fifo: throw NotRegular(file, "a pipe (FIFO)");
            case FileKind.CharacterDevice: throw NotRegular(file, "a character device");
            case FileKind.BlockDevice: throw NotRegular(file, "a block device");
            case FileKind.Socket: throw NotRegular(file, "a socket");
        }
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            // /proc and /sys files say they are empty (or a page long) whatever they hold.
            if (status.Length == 0 && stream.ReadByte() >= 0 || IsPseudoFile(file))
            {
                throw new InputException($"{file} is a kernel pseudo-file (like those under /proc and /sys), whose length is not known " +
                                         "before it is read; copy it to a regular file first");
            }
        }
        catch (UnauthorizedAccessException)
        {
            throw new InputException($"cannot read {file}: permission denied");
        }
        catch (IOException e)
        {
            throw new InputException($"cannot read {file}: {e.Message}");
        }
        return status;
    }

    private static InputException NotRegular(string file, string what) =>
        new($"{file} is {what}, not a regular file: a job splits its input and reads it again, so save the stream to a file first");

    private static bool IsPseudoFile(string file)
    {
        var full = Path.GetFullPath(file);
        try
        {
            if (new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true) is { } target) full = target.FullName;
        }
        catch (IOException)
        {
        }
        return full.StartsWith("/proc/", StringComparison.Ordinal) || full.StartsWith("/sys/", StringComparison.Ordinal);
    }
}
