using Braid.Reporting;

namespace Braid.Problems;

/// <summary>Draws an interleaving (a failing run's trace) as lanes per strand.</summary>
public static class Picture
{
    /// <summary>Writes the PNG of <paramref name="trace"/> and returns its path; the step where <paramref name="failure"/> broke its rule, if known, is marked.</summary>
    public static string Save(string pngPath, string title, IReadOnlyList<TraceEvent> trace, Exception? failure = null) =>
        LaneChart.Save(pngPath, title, trace.Select(e => new LaneEvent(e.Strand, e.Step, Short(e.What))).ToList(), ViolationException.Find(failure)?.Step);

    /// <summary>"waits on Semaphore 'mutex', value 0, 1 waiting" becomes "waits on mutex": a label, not a report.</summary>
    private static string Short(string what)
    {
        if (!what.StartsWith("waits on ", StringComparison.Ordinal)) return what;
        var quote = what.IndexOf('\'');
        var end = quote < 0 ? -1 : what.IndexOf('\'', quote + 1);
        return end > quote ? $"waits on {what[(quote + 1)..end]}" : what.Split(',')[0];
    }
}
