namespace Braid.Reporting.Tests;

/// <summary>Keeps every section and step it is told, for tests to read.</summary>
internal sealed class RecordedProgress : IProgressReporter
{
    private readonly Lock _lock = new();
    private string _section = "";

    public List<string> Sections { get; } = new();

    public List<(string Section, string Step, double? Fraction)> Steps { get; } = new();

    public void Section(string title)
    {
        lock (_lock)
        {
            _section = title;
            Sections.Add(title);
        }
    }

    public void Report(string step) => Add(step, null);

    public void Report(string step, double fraction) => Add(step, fraction);

    private void Add(string step, double? fraction)
    {
        lock (_lock) Steps.Add((_section, step, fraction));
    }
}
