using Braid.Overheads.Child;

namespace Braid.Overheads.Suite;

/// <summary>How much the overheads suite measures.</summary>
/// <param name="Quick">The short form: fewer units, fewer rounds, less data.</param>
/// <param name="Child">How to start the .NET child process (the host's, for example <c>braid child</c>).</param>
/// <param name="Peers">Also run the Python and Go peers that are installed.</param>
public sealed record OverheadsOptions(bool Quick, ChildLauncher Child, bool Peers = true)
{
    /// <summary>Numbers of units for create+join, each capped by the unit's own maximum.</summary>
    public IReadOnlyList<int> Scales => Quick ? [10, 100, 1_000] : [10, 100, 1_000, 10_000];

    /// <summary>Most units alive at once for memory per unit.</summary>
    public int MemoryUnits => 1_000;

    /// <summary>Ping-pong rounds between two processes.</summary>
    public int ProcessRounds => Quick ? 2_000 : 20_000;

    /// <summary>Ping-pong rounds between two threads or tasks.</summary>
    public int InProcessRounds => Quick ? 20_000 : 200_000;

    /// <summary>Size of a small message.</summary>
    public int SmallMessage => 64;

    /// <summary>Small messages per transfer.</summary>
    public long SmallMessages => Quick ? 50_000 : 500_000;

    /// <summary>Size of a large block.</summary>
    public int Block => 64 * 1024;

    /// <summary>Bytes per large-block transfer.</summary>
    public long BlockBytes => Quick ? 64L << 20 : 512L << 20;
}
