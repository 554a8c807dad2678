using Braid.Reporting;
using Braid.Reporting.Bench;
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
        var section = new Section(Title).Text(
            "Braid's kernel runs ordinary C# async methods (returning Coroutine) on a single-threaded loop it owns. " +
            "Strands are scheduled from a run queue; they suspend only at traps (yield, park); timers, task groups, cancel " +
            "scopes and every primitive are built outside the kernel on one fair wait queue.");

        context.Progress.Report("structured concurrency, a trace and a deadlock, on virtual time");
        var (log, trace) = RuntimeDemo.TimeoutDemo(seed: 7);
        section.Text("Structured concurrency on virtual time: three workers in a task group, inside a 2.5 s timeout " +
                     "(deterministic mode, seed 7: the run takes microseconds and replays exactly).")
            .Code(string.Join(Environment.NewLine, log))
            .Text($"The first lines of its trace ({trace.Count} events):")
            .Code(string.Join(Environment.NewLine, trace.Take(12)))
            .Text("When nothing can run again, the loop says who is stuck on what:")
            .Code(RuntimeDemo.DeadlockDemo());

        var sizes = context.Quick ? RuntimeBenchmark.Sizes.Quick with { Repeats = 2 } : RuntimeBenchmark.Sizes.Quick;
        var results = RuntimeBenchmark.Run(sizes, peers: false, context.Progress);
        AddFigures(section, results, context);
        return Task.FromResult(section);
    }

    private static void AddFigures(Section section, BenchResults results, TourContext context)
    {
        section.Text("The runtime benchmark in quick form (`braid bench runtime` runs the full one, with Python and Go peers):")
            .Table(["benchmark", "subject", "value", "unit"],
                results.Measurements.Select(m => (IReadOnlyList<string>)[m.Benchmark, m.Subject, Numbers.Format(m.Value), m.Unit]))
            .Table(["ratio", "value", "target", "met"],
                results.Ratios.Select(r => (IReadOnlyList<string>)[r.Name, $"{r.Value:0.00}x", r.Target is { } t ? $">= {t}x" : "", r.Met switch { true => "yes", false => "no", null => "" }]));

        foreach (var (benchmark, file, title) in new[]
                 {
                     ("context switch", "switch", "Context switch (ns, log scale)"),
                     ("spawn + join", "spawn", "Spawn + join per unit (ns, log scale)"),
                 })
        {
            var rows = results.Measurements.Where(m => m.Benchmark == benchmark).ToList();
            var png = Charts.Bars(context.PlotPath("runtime", file), title, "ns",
                rows.Select(m => m.Subject.Replace(" (a)", "").Replace(" (b)", "").Replace(" (c)", "")).ToList(),
                rows.Select(m => m.Value).ToList(), logY: true);
            section.Figure(png, title);
        }

        var switchRatio = results.Ratios.First(r => r.Name.StartsWith("switch"));
        var spawnRatio = results.Ratios.First(r => r.Name.StartsWith("spawn"));
        section.Headline("switch speed-up over Task.Yield", $"{switchRatio.Value:0.0}x")
            .Headline("spawn+join speed-up over async Task", $"{spawnRatio.Value:0.0}x")
            .Headline("bytes per parked strand", $"{results.Find("bytes per parked", "braid coroutine"):0} B");
    }
}
