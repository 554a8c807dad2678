namespace Braid;

/// <summary>
/// A readers-writer lock with a phase-fair policy that starves neither side: while a writer waits, new readers queue
/// behind it (so a stream of readers cannot starve writers), and when a writer leaves, every reader that queued
/// meanwhile goes in together before the next writer (so a stream of writers cannot starve readers).
/// </summary>
/// <remarks>
/// Invariants: a writer inside excludes readers inside; readers wait only while a writer is inside or waiting;
/// writers wait only while someone is inside.
/// </remarks>
public sealed class ReadersWriterLock
{
    private readonly WaitQueue _readers;
    private readonly WaitQueue _writers;
    private readonly string? _name;
    private Strand? _writer;
    private int _readersInside;

    /// <summary>Creates a free lock; <paramref name="name"/> appears in statistics and deadlock reports.</summary>
    public ReadersWriterLock(string? name = null)
    {
        _name = name;
        _readers = new WaitQueue(this);
        // When the last waiting writer gives up, the readers it was holding back may go in.
        _writers = new WaitQueue(this, _ => AdmitReadersIfNoWriter());
    }

    /// <summary>How many readers are inside.</summary>
    public int Readers => _readersInside;

    /// <summary>The writer inside, or null.</summary>
    public Strand? Writer => _writer;

    /// <summary>Enters as a reader: at once unless a writer is inside or waiting (a cancellation point).</summary>
    public ParkAwaitable AcquireRead()
    {
        var me = Grant.Current;
        if (_writer is not null || !_writers.IsEmpty) return _readers.Park(); // a writer's release admits us
        if (!Grant.CancelPending(me)) _readersInside++;
        return ParkAwaitable.Ready;
    }

    /// <summary>Leaves as a reader; the last reader out hands the lock to the longest-waiting writer.</summary>
    public void ReleaseRead()
    {
        if (_readersInside == 0) throw new InvalidOperationException($"ReleaseRead on {Label} with no reader inside.");
        _readersInside--;
        if (_readersInside == 0) _writer = _writers.WakeOne();
        AssertInvariants();
    }

    /// <summary>Enters as the only writer: waits while anyone is inside (a cancellation point).</summary>
    public ParkAwaitable AcquireWrite()
    {
        var me = Grant.Current;
        if (_writer == me) throw new InvalidOperationException($"{me.Name} already writes in {Label}; it is not reentrant.");
        if (_writer is not null || _readersInside > 0 || !_writers.IsEmpty) return _writers.Park(); // a release makes us the writer
        if (!Grant.CancelPending(me)) _writer = me;
        return ParkAwaitable.Ready;
    }

    /// <summary>Leaves as the writer: waiting readers go in together; if none wait, the next writer does.</summary>
    public void ReleaseWrite()
    {
        if (_writer != Grant.Current) throw new InvalidOperationException($"{Grant.Current.Name} released {Label} as writer without writing.");
        _writer = null;
        if (_readers.IsEmpty) _writer = _writers.WakeOne();
        else _readersInside += _readers.WakeAll();
        AssertInvariants();
    }

    /// <summary>A snapshot: the writer (or reader count as the value) and everyone waiting.</summary>
    public SyncStatistics Statistics() => new(Label, _writer?.Name, _readers.Count + _writers.Count, _readersInside);

    /// <inheritdoc />
    public override string ToString() => Statistics().ToString();

    private void AdmitReadersIfNoWriter()
    {
        if (_writer is null && _writers.IsEmpty) _readersInside += _readers.WakeAll();
    }

    private string Label => Grant.Label("ReadersWriterLock", _name);

    private void AssertInvariants()
    {
        if (!Invariant.Enabled) return;
        Invariant.That(_writer is null || _readersInside == 0, "a writer excludes readers");
        Invariant.That(_readers.IsEmpty || _writer is not null || !_writers.IsEmpty, "readers wait only behind a writer");
        Invariant.That(_writers.IsEmpty || _writer is not null || _readersInside > 0, "writers wait only while someone is inside");
    }
}
