namespace Braid.Problems.Basic;

/// <summary>3.1 Signaling: statement a1 (thread A) happens before b1 (thread B).</summary>
internal sealed class Signaling() : Problem("signaling", "3.1", Parts.Basic,
    ["a1 happens before b1"],
    [("no-signal", "B does not wait for A's signal")])
{
    internal override void Start(World w)
    {
        var a1Done = w.Semaphore(0, "a1Done");
        w.Spawn("A", async () =>
        {
            await w.Yield();
            w.Note("a1");
            a1Done.Signal();
        });
        w.Spawn("B", async () =>
        {
            if (!w.Is("no-signal")) await a1Done.Wait();
            else await w.Yield();
            w.Note("b1");
        });
    }

    internal override void Check(EventLog log) =>
        EventLog.Require(log.Events[0].What == "a1", Rules[0], () => $"{log.Events[0]} came first");
}
