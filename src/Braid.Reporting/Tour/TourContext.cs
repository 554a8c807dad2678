namespace Braid.Reporting.Tour;

/// <summary>What a tour section may use while it runs: where to write, how long it may take, whom to tell how far it is.</summary>
/// <param name="OutputDirectory">The report folder; plots go beside <c>report.md</c>.</param>
/// <param name="Quick">True for the short form of every section (<c>braid tour --quick</c>).</param>
public sealed record TourContext(string OutputDirectory, bool Quick)
{
    /// <summary>Where the section reports what it measures now (the tour has already named the section).</summary>
    public IProgressReporter Progress { get; init; } = ProgressReporter.None;

    /// <summary>The path of a plot file in the report folder, named after the section and the plot.</summary>
    public string PlotPath(string sectionId, string plotName) =>
        Path.Combine(OutputDirectory, $"{sectionId}-{plotName}.png");
}
