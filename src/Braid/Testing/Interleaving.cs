using System.Text;

namespace Braid.Testing;

/// <summary>One event of an interleaving: who did what, at which step of the run.</summary>
/// <param name="Step">The event's place in the run, from 0.</param>
/// <param name="StrandId">The strand's id.</param>
/// <param name="Strand">The strand's name.</param>
/// <param name="What">What it did ("takes fork 2", "waits on Semaphore 'mutex'").</param>
public sealed record TraceEvent(int Step, int StrandId, string Strand, string What);

/// <summary>
/// Records an interleaving for a report: what strands say they do (<see cref="Note"/>), where they block and how they
/// finish. It listens to the kernel only on the run being explained (a replay), never on the runs being explored.
/// </summary>
public sealed class Interleaving : IKernelListener
{
    [ThreadStatic] private static Interleaving? t_current;
    private readonly List<TraceEvent> _events = new();

    /// <summary>The recorded events, in order.</summary>
    public IReadOnlyList<TraceEvent> Events => _events;

    /// <summary>
    /// Records <paramref name="what"/> for the current strand, if the run on this thread is being recorded; returns
    /// its step (so a checker can name the step that broke a rule), or -1 when nothing is recorded.
    /// </summary>
    public static int Note(string what)
    {
        if (t_current is not { } me || !Loop.IsRunning) return -1;
        me.Add(Loop.CurrentStrand, what);
        return me._events.Count - 1;
    }

    /// <summary>Makes this the recorder that <see cref="Note"/> writes to on this thread, until the result is disposed.</summary>
    public IDisposable Activate()
    {
        var previous = t_current;
        t_current = this;
        return new Restore(() => t_current = previous);
    }

    /// <summary>The events as aligned text, one line each: step, strand, what.</summary>
    public static string Format(IEnumerable<TraceEvent> events)
    {
        var list = events.ToList();
        var width = list.Count == 0 ? 0 : list.Max(e => e.Strand.Length);
        var text = new StringBuilder();
        foreach (var e in list) text.AppendLine($"{e.Step,5}  {e.Strand.PadRight(width)}  {e.What}");
        return text.ToString();
    }

    private void Add(Strand strand, string what) => _events.Add(new TraceEvent(_events.Count, strand.Id, strand.Name, what));

    /// <inheritdoc />
    public void OnSpawn(Strand strand)
    {
    }

    /// <inheritdoc />
    public void OnSwitch(Strand strand)
    {
    }

    /// <inheritdoc />
    public void OnBlock(Strand strand, IWaitSite site) => Add(strand, "waits on " + site.Describe());

    /// <inheritdoc />
    public void OnWake(Strand strand)
    {
    }

    /// <inheritdoc />
    public void OnFinish(Strand strand, Exception? error)
    {
        if (error is not null) Add(strand, "fails: " + error.GetType().Name);
    }

    /// <inheritdoc />
    public void OnCancel(CancelScope scope)
    {
    }

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
