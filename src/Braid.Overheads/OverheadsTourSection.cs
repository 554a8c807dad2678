using Braid.Overheads.Child;
using Braid.Overheads.Suite;
using Braid.Reporting;
using Braid.Reporting.Tour;

namespace Braid.Overheads;

/// <summary>The tour's "what concurrency costs" section: the overheads suite with its tables and plots.</summary>
/// <param name="child">How to start the .NET child process.</param>
public sealed class OverheadsTourSection(ChildLauncher child) : ITourSection
{
    /// <inheritdoc />
    public string Id => "overheads";

    /// <inheritdoc />
    public string Title => "What concurrency costs: processes, threads, tasks";

    /// <inheritdoc />
    public Task<Section> RunAsync(TourContext context, CancellationToken cancellationToken) => Task.Run(() =>
    {
        var (results, data) = OverheadsSuite.Run(new OverheadsOptions(context.Quick, child), context.Progress);
        var section = new Section(Title)
            .Text("Each unit of concurrency is created and joined (10 and more at once), kept alive in numbers (memory per unit), " +
                  "and made to pass control back and forth (ping-pong: pipes between processes, events between threads, awaits " +
                  "between tasks). Python and Go peers run beside them where installed (bench/install-peers.sh).");
        var (headers, rows) = OverheadsPlots.UnitTable(data);
        section.Table(headers, rows);
        var (theaders, trows) = OverheadsPlots.TransportTable(data);
        section.Text("Moving bytes between two processes (and, for comparison, within one):").Table(theaders, trows);
        foreach (var (path, caption) in OverheadsPlots.Write(data, name => context.PlotPath(Id, name)))
        {
            section.Figure(path, caption);
        }
        if (results.Ratios.Count > 0)
        {
            section.Table(["ratio", "value", "meaning"], results.Ratios.Select(r => (IReadOnlyList<string>)[r.Name, $"{r.Value:0.0}x", r.Meaning]));
        }
        if (results.Notes.Count > 0) section.Code(string.Join('\n', results.Notes));
        string? Figure(string benchmark, string subject, string unit) =>
            results.Find(benchmark, subject) is { } v ? $"{Numbers.Format(v)} {unit}" : null;
        void Headline(string name, string? value)
        {
            if (value is not null) section.Headline(name, value);
        }
        Headline("process (braid child) create+join", Figure("create+join, n=10", "process (braid child)", "µs"));
        Headline("OS thread create+join", Figure("create+join, n=100", "OS thread", "µs"));
        Headline("Task create+join", Figure("create+join, n=100", "Task (async)", "µs"));
        Headline("OS thread switch", Figure("switch (ping-pong)", "OS thread", "µs"));
        Headline("Task switch", Figure("switch (ping-pong)", "Task (async)", "µs"));
        Headline("Braid coroutine switch", Figure("switch (ping-pong)", "Braid coroutine", "µs"));
        return section;
    }, cancellationToken);
}
