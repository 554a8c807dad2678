namespace Braid;

/// <summary>A one-shot event for OS threads with the API of <see cref="Event"/>: a thin adapter over <see cref="ManualResetEventSlim"/>.</summary>
public sealed class ThreadEvent : IDisposable
{
    private readonly ManualResetEventSlim _event = new(false);

    /// <summary>True once set.</summary>
    public bool IsSet => _event.IsSet;

    /// <summary>Sets the event and releases every waiting thread.</summary>
    public void Set() => _event.Set();

    /// <summary>Blocks until the event is set.</summary>
    public void Wait()
    {
        LoopThreadGuard.RefuseOnLoop("ThreadEvent.Wait", "Event");
        _event.Wait();
    }

    /// <inheritdoc />
    public void Dispose() => _event.Dispose();
}

/// <summary>A reusable barrier for OS threads with the API of <see cref="AsyncBarrier"/>: a thin adapter over <see cref="System.Threading.Barrier"/>.</summary>
public sealed class ThreadBarrier(int parties, Action<long>? action = null) : IDisposable
{
    private readonly System.Threading.Barrier _barrier = new(parties, action is null ? null : b => action(b.CurrentPhaseNumber));

    /// <summary>How many threads each generation waits for.</summary>
    public int Parties => _barrier.ParticipantCount;

    /// <summary>How many generations have tripped.</summary>
    public long Generation => _barrier.CurrentPhaseNumber;

    /// <summary>Arrives and blocks until the rest of this generation arrives.</summary>
    public void Wait()
    {
        LoopThreadGuard.RefuseOnLoop("ThreadBarrier.Wait", "AsyncBarrier");
        _barrier.SignalAndWait();
    }

    /// <inheritdoc />
    public void Dispose() => _barrier.Dispose();
}
