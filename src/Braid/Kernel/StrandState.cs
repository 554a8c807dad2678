namespace Braid;

/// <summary>Where a strand is in its life.</summary>
public enum StrandState : byte
{
    /// <summary>Spawned, waiting for its first turn.</summary>
    New,
    /// <summary>In the run queue.</summary>
    Runnable,
    /// <summary>Running now (the loop's current strand).</summary>
    Running,
    /// <summary>Suspended on a wait site until something wakes it.</summary>
    Parked,
    /// <summary>Returned, failed or was cancelled.</summary>
    Finished,
}

/// <summary>Why a parked strand was woken.</summary>
internal enum WakeReason : byte
{
    None,
    Granted,
    Cancelled,
}
