namespace Braid.Problems.Basic;

/// <summary>3.7 Reusable barrier: threads work in phases and meet at the barrier after each (the two-phase barrier).</summary>
internal sealed class ReusableBarrier() : Problem("reusable-barrier", "3.7", Parts.Basic,
    ["nobody passes barrier k before all have finished phase k", "progress: every thread passes every barrier"],
    [("one-turnstile", "no second turnstile: a fast thread laps the others")])
{
    private const int N = 3, Phases = 3;

    internal override void Start(World w)
    {
        var barrier = new Barrier(w, N, "barrier", oneTurnstile: w.Is("one-turnstile"));
        w.Spawn(N, "thread", async _ =>
        {
            for (var phase = 1; phase <= Phases; phase++)
            {
                w.Note("work", phase);
                await barrier.Wait();
                w.Note("pass", phase);
            }
        });
    }

    internal override void Check(EventLog log)
    {
        var worked = new int[Phases + 1];
        foreach (var e in log.Events)
        {
            if (e.What == "work") worked[e.Arg]++;
            else EventLog.Require(worked[e.Arg] == N, Rules[0], e, () => $"{e} while only {worked[e.Arg]} of {N} finished phase {e.Arg}");
        }
        log.Happened("pass", N * Phases, Rules[1]);
    }
}
