namespace Braid.Overheads.Suite;

/// <summary>Create+join time per unit of one subject, at each number of units.</summary>
/// <param name="Subject">The unit (or peer) measured.</param>
/// <param name="Points">(units created, microseconds per unit) pairs, in increasing order of units.</param>
public sealed record CreateJoinSeries(string Subject, IReadOnlyList<(int Units, double MicrosPerUnit)> Points);

/// <summary>A single figure of one subject.</summary>
/// <param name="Subject">The unit (or peer) measured.</param>
/// <param name="Value">The figure.</param>
/// <param name="How">How it was measured (for memory: RSS delta, allocated bytes...).</param>
public sealed record SubjectFigure(string Subject, double Value, string How);

/// <summary>A transport's throughput with small messages and with large blocks.</summary>
/// <param name="Transport">The transport's label.</param>
/// <param name="MessagesPerSecond">Small messages per second.</param>
/// <param name="MegabytesPerSecond">Megabytes per second with large blocks.</param>
/// <param name="Intact">True when both transfers delivered every byte unchanged.</param>
public sealed record TransportFigure(string Transport, double MessagesPerSecond, double MegabytesPerSecond, bool Intact);

/// <summary>Everything one run of the overheads suite measured, ready for tables and plots.</summary>
public sealed class OverheadsData
{
    /// <summary>Create+join per unit against the number of units.</summary>
    public List<CreateJoinSeries> CreateJoin { get; } = new();

    /// <summary>Bytes per live unit.</summary>
    public List<SubjectFigure> Memory { get; } = new();

    /// <summary>Microseconds per switch (half a ping-pong round).</summary>
    public List<SubjectFigure> Switch { get; } = new();

    /// <summary>Throughput of each transport.</summary>
    public List<TransportFigure> Transports { get; } = new();

    /// <summary>Units listed but not measured, with the reason.</summary>
    public List<(string Name, string Reason)> Pending { get; } = new();
}
