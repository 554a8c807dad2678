using Braid.Reporting;

namespace Braid.Cli.Progress;

/// <summary>
/// Progress as plain lines, for output that is not a terminal: a line when a section begins, and one when what it
/// measures changes (with the fraction done, where known, and the section's elapsed time). A fraction that moves
/// while the step stays writes nothing, so a log grows by a few lines a section.
/// </summary>
/// <param name="title">The run's name, shown when something is reported before any section begins (a benchmark).</param>
/// <param name="writer">Where the lines go (standard error).</param>
/// <param name="time">The clock of the elapsed times.</param>
public sealed class PlainProgress(string title, TextWriter writer, TimeProvider time) : IProgressReporter
{
    private readonly Lock _lock = new();
    private string? _section;
    private long _started;
    private string? _step;

    /// <inheritdoc />
    public void Section(string title)
    {
        lock (_lock) Begin(title);
    }

    /// <inheritdoc />
    public void Report(string step) => Write(step, null);

    /// <inheritdoc />
    public void Report(string step, double fraction) => Write(step, fraction);

    private void Begin(string section)
    {
        _section = section;
        _started = time.GetTimestamp();
        _step = null;
        writer.WriteLine($"braid: {section}");
    }

    private void Write(string step, double? fraction)
    {
        lock (_lock)
        {
            if (_section is null) Begin(title);
            if (step == _step) return;
            _step = step;
            var done = fraction is { } f ? $"{Math.Clamp(f, 0, 1) * 100:0}%, " : "";
            writer.WriteLine($"braid:   {step} ({done}{time.GetElapsedTime(_started).TotalSeconds:0.0} s)");
        }
    }
}
