namespace Braid.Overheads.Units;

/// <summary>Reads a process's memory from Linux's /proc: resident set (RSS) and proportional set (PSS).</summary>
public static class ProcMemory
{
    /// <summary>Resident set size in bytes, or null when /proc cannot tell (not Linux, process gone).</summary>
    public static long? Rss(int pid) => ReadKb($"/proc/{pid}/status", "VmRSS:");

    /// <summary>Proportional set size in bytes (each shared page divided among the processes that map it), or null.</summary>
    public static long? Pss(int pid) => ReadKb($"/proc/{pid}/smaps_rollup", "Pss:");

    /// <summary>This process's resident set size in bytes (0 when unknown).</summary>
    public static long SelfRss() => Rss(Environment.ProcessId) ?? 0;

    private static long? ReadKb(string path, string key)
    {
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                if (!line.StartsWith(key, StringComparison.Ordinal)) continue;
                var digits = line[key.Length..].Trim().Split(' ')[0];
                return long.TryParse(digits, out var kb) ? kb * 1024 : null;
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }
}
