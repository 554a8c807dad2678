using Braid.Reporting;
using Braid.Reporting.Tour;

namespace Braid.Problems.Tour;

/// <summary>
/// The tour's "semaphores" section: every Little Book problem explored schedule by schedule, every broken variant
/// caught, and one caught violation shown with its shrunk trace and its picture.
/// </summary>
public sealed class SemaphoresTourSection : ITourSection
{
    /// <inheritdoc />
    public string Id => "semaphores";

    /// <inheritdoc />
    public string Title => "The Little Book of Semaphores, explored schedule by schedule";

    /// <inheritdoc />
    public Task<Section> RunAsync(TourContext context, CancellationToken cancellationToken)
    {
        var schedules = context.Quick ? 300 : 2_000;
        var section = new Section(Title).Text(
            $"Every problem of Downey's book, solved with Braid semaphores as the book writes them (one source for coroutines " +
            $"and OS threads), with a checker that states its rules on the run's event log. Each solution ran {schedules:N0} " +
            "schedules chosen by the explorer's random walk with no violation and no deadlock; each broken variant (a semaphore " +
            "removed, two operations swapped) was caught, its schedule shrunk, saved and replayed. `braid semaphores run --all` " +
            "does the same from the command line.");
        var rows = new List<IReadOnlyList<string>>();
        int passed = 0, caught = 0, variants = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var (p, i) in LittleBook.All.Select((p, i) => (p, i)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            context.Progress.Report($"{p.Name}: {schedules:N0} schedules and its broken variants", (double)i / LittleBook.All.Count);
            var ok = ProblemRunner.Explore(p, null, new ExploreOptions { Strategy = new RandomWalk(1), Schedules = schedules }).Passed;
            if (ok) passed++;
            var found = p.Broken.Select(b => (b.Name, Report: Catch(p, b.Name))).ToList();
            variants += found.Count;
            caught += found.Count(f => !f.Report.Passed);
            rows.Add([p.Name, p.Chapter, p.Part, string.Join("; ", p.Rules), ok ? "passed" : "FAILED",
                string.Join("; ", found.Select(f => f.Report.Passed ? $"{f.Name}: NOT caught" : $"{f.Name}: caught at schedule {f.Report.Schedules} ({f.Report.Rule})"))]);
        }
        section.Table(["problem", "chapter", "part", "rules", $"{schedules:N0} schedules", "broken variants"], rows)
            .Text($"{passed} of {LittleBook.All.Count} solutions passed and {caught} of {variants} broken variants were caught, in {clock.Elapsed.TotalSeconds:0.0} s.");

        var problem = LittleBook.Find("readers-writers");
        var report = Catch(problem, "early-release");
        if (!report.Passed)
        {
            var png = Picture.Save(context.PlotPath(Id, "early-release"), "readers-writers/early-release: " + report.Rule, report.Trace, report.Failure);
            section.Text($"One caught violation: readers-writers with the first reader letting go of the lightswitch's mutex before " +
                         $"it locks the room. Schedule {report.Schedules} broke \"{report.Rule}\"; shrinking took its schedule from " +
                         $"{report.Found!.Choices.Count} choices to {report.Shrunk!.Choices.Count} (missing choices default to the first runnable strand). " +
                         "Its trace, who did what in order:")
                .Code(report.Failure!.Message + Environment.NewLine + Interleaving.Format(report.Trace))
                .Text("The schedule file that replays it exactly (`braid semaphores run --replay FILE`):")
                .Code(report.Shrunk.ToText())
                .Figure(png, "The failing interleaving: one lane per strand, its events in order; the red line is where the rule broke");
        }
        section.Headline("Little Book solutions passing", $"{passed}/{LittleBook.All.Count}")
            .Headline("broken variants caught", $"{caught}/{variants}");
        return Task.FromResult(section);
    }

    private static ExplorationReport Catch(Problem p, string variant)
    {
        var report = ProblemRunner.Explore(p, variant, new ExploreOptions { Strategy = new RandomWalk(1), Schedules = 5_000 });
        return report.Passed ? ProblemRunner.Explore(p, variant, new ExploreOptions { Strategy = new Pct(1, 3), Schedules = 5_000 }) : report;
    }
}
