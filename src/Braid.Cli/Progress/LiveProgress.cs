using Braid.Reporting;
using Spectre.Console;

namespace Braid.Cli.Progress;

/// <summary>
/// A row per section in a Spectre.Console progress display: the section in bold and what it measures now, a bar that
/// pulses until a fraction is known, the elapsed time of the section. A finished section keeps its row.
/// </summary>
internal sealed class LiveProgress(ProgressContext context, string title, int width) : IProgressReporter
{
    /// <summary>Columns besides the description: a 20-wide bar, the percentage, the elapsed time, the spinner, and gaps.</summary>
    private const int OtherColumns = 42;

    private readonly Lock _lock = new();
    private readonly int _descriptionWidth = Math.Max(24, width - OtherColumns);
    private string _section = title;
    private ProgressTask? _task;

    public void Section(string title)
    {
        lock (_lock)
        {
            Close(completed: true);
            _section = title;
            Current();
        }
    }

    public void Report(string step)
    {
        lock (_lock) Current().Description = Describe(step);
    }

    public void Report(string step, double fraction)
    {
        lock (_lock)
        {
            var task = Current();
            task.Description = Describe(step);
            task.IsIndeterminate = false;
            task.Value = Math.Clamp(fraction, 0, 1);
        }
    }

    /// <summary>The run is over: the last row is stopped, full if the run completed.</summary>
    public void End(bool completed)
    {
        lock (_lock) Close(completed);
    }

    private ProgressTask Current()
    {
        if (_task is not null) return _task;
        _task = context.AddTask(Describe(null), maxValue: 1);
        _task.IsIndeterminate = true;
        return _task;
    }

    private void Close(bool completed)
    {
        if (_task is null) return;
        _task.Description = Describe(null);
        if (completed)
        {
            _task.IsIndeterminate = false;
            _task.Value = _task.MaxValue;
        }
        _task.StopTask();
        _task = null;
    }

    private string Describe(string? step)
    {
        var section = Fit(_section, _descriptionWidth);
        if (step is null) return $"[bold]{Markup.Escape(section)}[/]";
        return $"[bold]{Markup.Escape(section)}[/] [grey]{Markup.Escape(Fit(step, _descriptionWidth - section.Length - 1))}[/]";
    }

    /// <summary>The text cut to <paramref name="width"/> characters, with an ellipsis where it was cut: a row that wrapped would jump.</summary>
    private static string Fit(string text, int width) =>
        width <= 1 ? "" : text.Length <= width ? text : text[..(width - 1)] + "…";
}
