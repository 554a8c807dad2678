namespace Braid.Overheads.Units;

/// <summary>How much memory one live unit costs, and how that was measured.</summary>
/// <param name="BytesPerUnit">Bytes per unit.</param>
/// <param name="Method">What was measured, for example "RSS delta" or "allocated bytes".</param>
/// <param name="ProportionalBytesPerUnit">For processes, the proportional set size (shared pages divided among their users).</param>
public sealed record MemoryFigure(double BytesPerUnit, string Method, double? ProportionalBytesPerUnit = null);

/// <summary>What a create+join did: how long it took and how many units ran to completion (each unit counts itself).</summary>
/// <param name="Elapsed">Time to create all the units and wait for all of them.</param>
/// <param name="Completed">Units that ran and finished (a thread that ran its body, a child that exited with 0).</param>
public sealed record CreateJoinResult(TimeSpan Elapsed, int Completed);

/// <summary>
/// One unit of concurrency (an OS process, an OS thread, a task, a coroutine...) measured the same way as the others:
/// create and join many, keep many alive, and pass control back and forth between two.
/// </summary>
/// <remarks>Each implementation is one small file; a new kind of unit joins the suite by being added to <see cref="ConcurrencyUnits.All"/>.</remarks>
public interface IConcurrencyUnit
{
    /// <summary>Row label, for example "OS thread".</summary>
    string Name { get; }

    /// <summary>The largest number of units the suite creates at once (processes cost far more than tasks).</summary>
    int MaxUnits(bool quick);

    /// <summary>Creates <paramref name="n"/> units that do (almost) nothing, then waits for all of them to finish.</summary>
    CreateJoinResult CreateJoin(int n);

    /// <summary>Keeps <paramref name="n"/> units alive and parked at once and returns the memory each costs.</summary>
    MemoryFigure MemoryPerUnit(int n);

    /// <summary>
    /// Passes control between two units <paramref name="rounds"/> times there and back (two switches a round); returns
    /// the time for all. Round <c>i</c> carries the message <c>i</c> (in one byte, so <c>i % 256</c>, between processes);
    /// <paramref name="echoed"/>, when given, hears each message as it comes back to the first unit, so a test can
    /// check that every one came back, in order.
    /// </summary>
    TimeSpan PingPong(int rounds, Action<int>? echoed = null);
}
