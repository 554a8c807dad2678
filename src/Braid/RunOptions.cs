namespace Braid;

/// <summary>How <see cref="Loop.Run(Func{Coroutine}, RunOptions?)"/> runs: normal, or deterministic for tests.</summary>
public sealed record RunOptions
{
    /// <summary>
    /// Deterministic scheduling: each turn goes to a runnable strand picked by a random generator with this seed, so the
    /// same seed replays the same interleaving. Null (the default) runs strands in FIFO order.
    /// </summary>
    public int? Seed { get; init; }

    /// <summary>
    /// Virtual time: the clock starts at zero and jumps to the next timer whenever nothing is runnable (Trio's MockClock
    /// with autojump), so a one-hour timeout is tested in microseconds.
    /// </summary>
    public bool VirtualTime { get; init; }

    /// <summary>
    /// Picks among the runnable strands at each turn instead of the seeded generator (the explorer's strategies and
    /// replay plug in here). Needs deterministic mode's other half, virtual time, to replay exactly.
    /// </summary>
    public IScheduleChooser? Chooser { get; init; }

    /// <summary>
    /// What the loop sleeps in when no strand can run (null: an event, replaced by Braid.IO's poller at the first I/O
    /// call). A custom one makes the loop wait on something else, and a loop that has one refuses Braid.IO's sockets.
    /// </summary>
    public IIdleWait? IdleWait { get; init; }

    /// <summary>Receives trace events (spawn, switch, block, wake, finish, cancel).</summary>
    public IKernelListener? Listener { get; init; }

    /// <summary>
    /// Lets a deterministic run (a seed, a chooser or virtual time) end normally although plain Task code left the loop
    /// and came back from another thread (see <see cref="TaskEscapes"/>). False by default: such a run throws
    /// <see cref="TaskEscapeException"/>, since the seed does not replay it. Normal runs only count escapes.
    /// </summary>
    public bool AllowTaskEscapes { get; init; }

    /// <summary>The deterministic test setting: a seed and virtual time.</summary>
    public static RunOptions Deterministic(int seed, IKernelListener? listener = null) =>
        new() { Seed = seed, VirtualTime = true, Listener = listener };
}
