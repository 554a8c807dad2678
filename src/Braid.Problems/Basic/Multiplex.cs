namespace Braid.Problems.Basic;

/// <summary>3.5 Multiplex: at most n threads in the critical section at once; a semaphore initialised to n.</summary>
internal sealed class Multiplex() : Problem("multiplex", "3.5", Parts.Basic,
    ["at most 2 threads in the critical section"],
    [("initial-3", "the multiplex starts with 3 permits")])
{
    internal override void Start(World w)
    {
        var multiplex = w.Semaphore(w.Is("initial-3") ? 3 : 2, "multiplex");
        w.Spawn(5, "thread", async _ =>
        {
            await multiplex.Wait();
            w.Note("enter");
            await w.Yield();
            w.Note("leave");
            multiplex.Signal();
        });
    }

    internal override void Check(EventLog log) => log.AtMost(2, "enter", "leave", Rules[0]);
}
