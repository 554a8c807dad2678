namespace Braid.MapReduce.Engine;

/// <summary>Input that a job cannot read: a missing file, a directory, an unreadable file.</summary>
public sealed class InputException(string message) : Exception(message);

/// <summary>Checks input files before a job starts, so that a bad path fails at once with one clear line.</summary>
public static class InputFiles
{
    /// <summary>Throws <see cref="InputException"/> for the first unusable file; returns the total size in bytes.</summary>
    public static long Validate(IReadOnlyList<string> files)
    {
        if (files.Count == 0) throw new InputException("no input files given");
        long total = 0;
        foreach (var file in files)
        {
            if (Directory.Exists(file)) throw new InputException($"{file} is a directory, not a file");
            if (!File.Exists(file)) throw new InputException($"no such file: {file}");
            try
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
                total += stream.Length;
            }
            catch (UnauthorizedAccessException)
            {
                throw new InputException($"cannot read {file}: permission denied");
            }
            catch (IOException e)
            {
                throw new InputException($"cannot read {file}: {e.Message}");
            }
        }
        return total;
    }
}
