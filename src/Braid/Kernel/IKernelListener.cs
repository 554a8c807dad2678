namespace Braid.Extensibility;

/// <summary>
/// Receives the kernel's trace events. The kernel checks for a listener with one null test per event, so an absent
/// listener costs nothing measurable. Calls arrive on the loop thread.
/// </summary>
public interface IKernelListener
{
    /// <summary>A strand was spawned.</summary>
    void OnSpawn(Strand strand);

    /// <summary>A strand got its turn.</summary>
    void OnSwitch(Strand strand);

    /// <summary>A strand parked on a wait site.</summary>
    void OnBlock(Strand strand, IWaitSite site);

    /// <summary>A parked strand was made runnable.</summary>
    void OnWake(Strand strand);

    /// <summary>A strand finished; <paramref name="error"/> is null when it returned normally.</summary>
    void OnFinish(Strand strand, Exception? error);

    /// <summary>A cancel scope was cancelled.</summary>
    void OnCancel(CancelScope scope);
}
