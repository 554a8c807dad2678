namespace Braid.MapReduce.Engine;

/// <summary>Peak resident memory of processes, from Linux's /proc (0 where it cannot be read).</summary>
public static class PeakMemory
{
    /// <summary>The peak resident set (VmHWM) of a process, in bytes.</summary>
    public static long OfProcess(int pid) => Read($"/proc/{pid}/status");

    /// <summary>The peak resident set of this process, in bytes.</summary>
    public static long OfThisProcess() => Read("/proc/self/status");

    /// <summary>Resets this process's peak to its current resident set, so the next peak measures one run. False where unsupported.</summary>
    public static bool ResetThisProcess()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long Read(string statusPath)
    {
        try
        {
            foreach (var line in File.ReadLines(statusPath))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                var kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb) * 1024;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // The process is gone or /proc is not there.
        }
        return 0;
    }
}
