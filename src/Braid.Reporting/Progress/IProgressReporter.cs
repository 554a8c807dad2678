namespace Braid.Reporting;

/// <summary>
/// What a long run tells the person watching it: which section runs (a tour part, a benchmark suite), what it measures
/// now, and how much of the section is done where the amount of work is known. Engines and benchmarks report into
/// it and know nothing of how it is shown; the <c>braid</c> command draws it (a live display on a terminal, plain
/// lines otherwise), tests record it, and <see cref="ProgressReporter.None"/> drops it. The elapsed time of a section
/// is the display's business: it counts from <see cref="Section"/>.
/// </summary>
/// <remarks>Calls may come from any thread, one at a time or not; an implementation must take them all.</remarks>
public interface IProgressReporter
{
    /// <summary>A new section begins; what the previous one measured is over.</summary>
    void Section(string title);

    /// <summary>What the section measures now, the amount of work unknown.</summary>
    /// <remarks>Passed as an <see cref="Action{T}"/> of a step (<c>progress.Report</c>) to code that reports steps.</remarks>
    void Report(string step);

    /// <summary>What the section measures now, with the fraction of the section's work done (0 to 1).</summary>
    void Report(string step, double fraction);
}
