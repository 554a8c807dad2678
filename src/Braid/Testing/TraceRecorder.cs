using System.Text;

namespace Braid.Testing;

/// <summary>
/// Records the kernel's trace events as lines of text ("0.000 switch #2 worker"), so two runs can be compared line for
/// line: deterministic mode promises the same seed gives the same trace.
/// </summary>
public sealed class TraceRecorder : IKernelListener
{
    private readonly List<string> _lines = new();

    /// <summary>The recorded lines, in order.</summary>
    public IReadOnlyList<string> Lines => _lines;

    /// <summary>The whole trace as one string.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var line in _lines) text.AppendLine(line);
        return text.ToString();
    }

    private void Add(string what, Strand strand, string? detail = null) =>
        _lines.Add($"{Loop.Now.TotalSeconds:0.000000} {what} #{strand.Id} {strand.Name}{(detail is null ? "" : " " + detail)}");

    /// <inheritdoc />
    public void OnSpawn(Strand strand) => Add("spawn", strand);

    /// <inheritdoc />
    public void OnSwitch(Strand strand) => Add("switch", strand);

    /// <inheritdoc />
    public void OnBlock(Strand strand, IWaitSite site) => Add("block", strand, site.Describe());

    /// <inheritdoc />
    public void OnWake(Strand strand) => Add("wake", strand);

    /// <inheritdoc />
    public void OnFinish(Strand strand, Exception? error) => Add("finish", strand, error?.GetType().Name);

    /// <inheritdoc />
    public void OnCancel(CancelScope scope) => _lines.Add($"{Loop.Now.TotalSeconds:0.000000} cancel {scope}");
}
