namespace Braid.Hacks.Labs;

/// <summary>
/// A race in plain Task code, found by seed and replayed: two increments that read, await, then write. On Braid's
/// loop every continuation is a strand, so the deterministic scheduler chooses the interleaving: some seeds lose an
/// update, others do not, and a failing seed fails the same way every time it is replayed.
/// </summary>
internal sealed class LostUpdateLab : IHackLab
{
    public string Name => "lost-update";

    public string Summary => "a lost update in plain Task code (no Braid API in it), found by seed on Braid's loop and replayed exactly";

    /// <summary>Plain .NET async code: nothing in it knows about Braid.</summary>
    internal static async Task<int> TwoIncrements()
    {
        var counter = 0;
        async Task Increment()
        {
            await Task.Yield();
            var seen = counter;
            await Task.Yield();
            counter = seen + 1;
        }
        await Task.WhenAll(Increment(), Increment());
        return counter;
    }

    /// <summary>The counter each seed ends with.</summary>
    internal static int[] Counters(int seeds) =>
        [.. Enumerable.Range(0, seeds).Select(seed => Loop.Run(TwoIncrements, RunOptions.Deterministic(seed)))];

    public LabResult Run()
    {
        var counters = Counters(20);
        var lost = Enumerable.Range(0, counters.Length).Where(s => counters[s] != 2).ToList();
        var replays = lost.Count == 0 ? [] : Enumerable.Range(0, 5).Select(_ => Loop.Run(TwoIncrements, RunOptions.Deterministic(lost[0]))).ToList();
        return new LabResult($"{lost.Count} of {counters.Length} seeds lose an update; replays agree",
        [
            $"counter after two increments, seeds 0-{counters.Length - 1}: {string.Join(" ", counters)}",
            lost.Count == 0 ? "no seed lost an update" : $"seeds that lose one: {string.Join(", ", lost)}; seed {lost[0]} replayed 5 times: {string.Join(" ", replays)}",
            "Each continuation of the Task code is a strand, so the seeded scheduler picks which runs next; with the default FIFO order " +
            $"(no seed) the counter is {Loop.Run(TwoIncrements)}.",
        ]);
    }
}
