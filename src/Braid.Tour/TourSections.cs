using Braid.MapReduce.Executors;
using Braid.Overheads.Child;
using Braid.Reporting.Tour;

namespace Braid.Tour;

/// <summary>The parts of the tour, in the order of the course.</summary>
public static class TourSections
{
    /// <summary>
    /// Every part; the host says how to start the processes that two of them need: <paramref name="worker"/> for the
    /// map-reduce workers, <paramref name="child"/> for the overheads suite's child process.
    /// </summary>
    public static IReadOnlyList<ITourSection> All(WorkerLaunch worker, ChildLauncher child) =>
    [
        new Braid.Gil.Tour.GilTourSection(),
        new Braid.Gil.Tour.NativeTourSection(),
        new Braid.Problems.Tour.SemaphoresTourSection(),
        new Braid.Benchmarks.Primitives.QueuesTourSection(),
        new MultiprocessingTourSection(worker),
        new Braid.Overheads.OverheadsTourSection(child),
        new Braid.Benchmarks.Runtime.RuntimeTourSection(),
        new Braid.Gevent.GeventTourSection(),
        new Braid.Benchmarks.Echo.AsyncioTourSection(),
        new Braid.Crawler.Bench.CrawlerTourSection(),
        new Braid.Hacks.HacksTourSection(), // after gevent, last in the course
    ];
}
