namespace Braid.Reporting.Files;

/// <summary>A file that could not be written; the previous one, if any, is as it was.</summary>
public sealed class FileNotWrittenException(string path, string reason, Exception inner)
    : IOException($"{path} was not written (any previous file is as it was): {reason}", inner)
{
    /// <summary>The file that was to be written.</summary>
    public string Path { get; } = path;
}

/// <summary>
/// Writes files whole or not at all: the content goes to a temporary file beside the target, which is flushed to disk
/// and then renamed over the target. A write that fails (a full disk, an exception, an interrupt) leaves the previous
/// file as it was and no temporary file behind. Every file Braid writes for the user (results, JSON, reports, plots,
/// generated inputs) goes through here.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> with what <paramref name="write"/> puts into the stream it is given.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var target = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = TempBeside(target);
        TempFiles.Track(temp);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, target, overwrite: true);
        }
        catch (IOException e) when (e is not FileNotWrittenException)
        {
            // The runtime's message names the temporary file, which the user never asked for: name the target.
            throw new FileNotWrittenException(target, e.Message.Replace($" : '{temp}'", "", StringComparison.Ordinal).Replace(temp, target, StringComparison.Ordinal), e);
        }
        finally
        {
            TempFiles.Delete(temp);
        }
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 (without a byte-order mark) to <paramref name="path"/>.</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, Utf8, 1 << 16, leaveOpen: true);
            writer.Write(text);
        });

    /// <summary>Writes text to <paramref name="path"/> through a UTF-8 writer (no byte-order mark) given to <paramref name="write"/>.</summary>
    public static void WriteText(string path, Action<TextWriter> write) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, Utf8, 1 << 16, leaveOpen: true);
            write(writer);
        });

    /// <summary>
    /// Checks, before any work starts, that <paramref name="path"/> can be written: it is not a folder, its folder exists
    /// (or, with <paramref name="createFolder"/>, can be created) and a file can be created in it. Returns null when it
    /// can, or why not, in a few words.
    /// </summary>
    public static string? CheckWritable(string path, bool createFolder = true)
    {
        var target = Path.GetFullPath(path);
        if (Directory.Exists(target)) return $"{target} is a directory";
        var folder = Path.GetDirectoryName(target)!;
        if (!createFolder && !Directory.Exists(folder)) return $"no such directory: {folder}";
        return CheckFolder(folder);
    }

    /// <summary>
    /// Checks that files can be written into <paramref name="folder"/>: that it is a folder, or that the nearest folder
    /// above it that exists is one in which it can be created. Returns null when they can, or why not.
    /// </summary>
    public static string? CheckFolder(string folder)
    {
        var full = Path.GetFullPath(folder);
        var existing = full;
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing)) return $"{existing} is a file, not a directory";
            existing = Path.GetDirectoryName(existing);
            if (existing is null) return $"cannot create {full}";
        }
        var probe = TempBeside(Path.Combine(existing, ".braid-probe"));
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return $"cannot write in {existing}: permission denied";
        }
        catch (IOException e)
        {
            // The message names the probe, which means nothing to the user: say what failed, and why if it is plain.
            return e is FileNotFoundException or DirectoryNotFoundException
                ? $"cannot create files in {existing}"
                : $"cannot create files in {existing}: {e.Message.Replace(probe, "a file", StringComparison.Ordinal)}";
        }
    }

    /// <summary>A temporary name in the target's own folder, so that the rename is within one file system.</summary>
    private static string TempBeside(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");

    private static readonly System.Text.UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
}
