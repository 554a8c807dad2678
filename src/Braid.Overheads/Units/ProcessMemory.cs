using System.Diagnostics;

namespace Braid.Overheads.Units;

/// <summary>Memory per process: the child's own resident set (RSS) and proportional set (PSS), averaged over n parked children.</summary>
internal static class ProcessMemory
{
    public static MemoryFigure Measure(int n, Func<Process> startParked)
    {
        var children = new List<Process>(n);
        try
        {
            for (var i = 0; i < n; i++) children.Add(startParked());
            long rss = 0, pss = 0;
            var pssKnown = true;
            foreach (var c in children)
            {
                rss += ProcMemory.Rss(c.Id) ?? throw new InvalidOperationException("cannot read a child's memory from /proc (Linux only)");
                if (ProcMemory.Pss(c.Id) is { } p) pss += p; else pssKnown = false;
            }
            return new(rss / (double)n, "child RSS", pssKnown ? pss / (double)n : null);
        }
        finally
        {
            foreach (var c in children)
            {
                try
                {
                    c.StandardInput.Close();
                    c.WaitForExit();
                }
                finally
                {
                    c.Dispose();
                }
            }
        }
    }
}
