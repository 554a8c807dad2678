namespace Braid.Problems.NotRemotelyClassical;

/// <summary>
/// 7.2 The child care problem: one adult for every three children. An adult entering adds three permits; an
/// adult leaving must take three back (under a mutex, so two adults cannot each take part of them).
/// </summary>
internal sealed class ChildCare() : Problem("child-care", "7.2", Parts.NotRemotelyClassical,
    ["never more than three children per adult", "progress: every child and adult comes and goes"],
    [("leave-without-check", "an adult leaves without taking back its three permits")])
{
    private const int Children = 5;

    internal override void Start(World w)
    {
        var mutex = w.Semaphore(1, "mutex");
        var multiplex = w.Semaphore(0, "multiplex");
        var allChildrenDone = w.Semaphore(0, "allChildrenDone");
        var left = Children;
        async Coroutine Leave(bool check)
        {
            if (check)
            {
                await mutex.Wait();
                for (var i = 0; i < 3; i++) await multiplex.Wait();
                mutex.Signal();
            }
            w.Note("adult out");
        }
        // The first adult stays until every child has gone home; the second comes and goes.
        w.Spawn("adult-0", async () =>
        {
            w.Note("adult in");
            multiplex.Signal(3);
            await allChildrenDone.Wait();
            await Leave(check: true);
        });
        w.Spawn("adult-1", async () =>
        {
            await w.Yield();
            w.Note("adult in");
            multiplex.Signal(3);
            await w.Yield();
            await Leave(check: !w.Is("leave-without-check"));
        });
        w.Spawn(Children, "child", async _ =>
        {
            await multiplex.Wait();
            w.Note("child in");
            await w.Yield();
            w.Note("child out");
            multiplex.Signal();
            await mutex.Wait();
            if (--left == 0) allChildrenDone.Signal();
            mutex.Signal();
        });
    }

    internal override void Check(EventLog log)
    {
        log.Occupancy(e => e.What switch { "adult in" => (0, 1), "adult out" => (0, -1), "child in" => (1, 1), "child out" => (1, -1), _ => null },
            (n, e) => EventLog.Require(n[1] <= 3 * n[0], Rules[0], e, () => $"{n[1]} children and {n[0]} adults after {e}"), kinds: 2);
        log.Happened("adult out", 2, Rules[1]);
        log.Happened("child out", Children, Rules[1]);
    }
}
