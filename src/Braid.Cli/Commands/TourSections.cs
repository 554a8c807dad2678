using Braid.Reporting.Tour;

namespace Braid.Cli.Commands;

/// <summary>The parts of the tour, in the order of the course.</summary>
public static class TourSections
{
    public static IReadOnlyList<ITourSection> All() =>
    [
        new Braid.Gil.Tour.GilTourSection(),
        new Braid.Gil.Tour.NativeTourSection(),
        new Braid.Problems.Tour.SemaphoresTourSection(),
        new Braid.Benchmarks.Primitives.QueuesTourSection(),
        new Braid.MapReduce.Tour.MultiprocessingTourSection(Braid.MapReduce.Executors.WorkerLaunch.CurrentExecutable()),
        new Braid.Overheads.OverheadsTourSection(),
        new Braid.Benchmarks.Runtime.RuntimeTourSection(),
        new Braid.Benchmarks.Echo.AsyncioTourSection(),
        new Braid.Hacks.HacksTourSection(), // after gevent, last in the course
    ];
}
