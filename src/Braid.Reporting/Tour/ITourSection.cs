namespace Braid.Reporting.Tour;

/// <summary>One part of <c>braid tour</c>: runs briefly on built-in data and reports what it saw.</summary>
public interface ITourSection
{
    /// <summary>Short stable name, used for file names and <c>--only</c> (for example <c>runtime</c>).</summary>
    string Id { get; }

    /// <summary>Heading of the section in the report.</summary>
    string Title { get; }

    /// <summary>Runs the section and returns what goes into the report.</summary>
    Task<Section> RunAsync(TourContext context, CancellationToken cancellationToken);
}
