namespace Braid.Problems.Basic;

/// <summary>3.3 Rendezvous: a1 happens before b2 and b1 before a2; each thread signals, then waits.</summary>
internal sealed class Rendezvous() : Problem("rendezvous", "3.3", Parts.Basic,
    ["a1 happens before b2", "b1 happens before a2"],
    [("wait-first", "both threads wait before they signal (deadlock)"), ("a-no-wait", "A does not wait for B")])
{
    internal override void Start(World w)
    {
        var aArrived = w.Semaphore(0, "aArrived");
        var bArrived = w.Semaphore(0, "bArrived");
        w.Spawn("A", () => Side(w, "a", aArrived, bArrived, wait: !w.Is("a-no-wait")));
        w.Spawn("B", () => Side(w, "b", bArrived, aArrived, wait: true));
    }

    private static async Coroutine Side(World w, string me, Sem mine, Sem theirs, bool wait)
    {
        w.Note(me + "1");
        if (w.Is("wait-first"))
        {
            await theirs.Wait();
            mine.Signal();
        }
        else
        {
            mine.Signal();
            if (wait) await theirs.Wait();
            else await w.Yield();
        }
        w.Note(me + "2");
    }

    internal override void Check(EventLog log)
    {
        int At(string what) => log.Of(what).First().Seq;
        EventLog.Require(At("a1") < At("b2"), Rules[0], () => "b2 came before a1");
        EventLog.Require(At("b1") < At("a2"), Rules[1], () => "a2 came before b1");
    }
}
