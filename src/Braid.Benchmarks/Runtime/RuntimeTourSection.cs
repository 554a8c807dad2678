using Braid.Reporting;
using Braid.Reporting.Tour;

namespace Braid.Benchmarks.Runtime;

/// <summary>The tour's "coroutines from scratch" section: a short demo of the runtime and its benchmark in quick form.</summary>
public sealed class RuntimeTourSection : ITourSection
{
    /// <inheritdoc />
    public string Id => "runtime";

    /// <inheritdoc />
    public string Title => "Coroutines from scratch: the Braid runtime";

    /// <inheritdoc />
    public Task<Section> RunAsync(TourContext context, CancellationToken cancellationToken)
    {
        var section = new Section(Title).Text("The runtime section is not written yet.");
        return Task.FromResult(section);
    }
}
