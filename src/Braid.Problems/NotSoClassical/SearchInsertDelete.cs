namespace Braid.Problems.NotSoClassical;

/// <summary>
/// 6.1 Search-insert-delete: searchers run together, an inserter runs beside searchers but not beside another
/// inserter, and a deleter runs alone.
/// </summary>
internal sealed class SearchInsertDelete() : Problem("search-insert-delete", "6.1", Parts.NotSoClassical,
    ["at most one inserter at a time", "a deleter is alone"],
    [("no-insert-mutex", "inserters skip the insert mutex"), ("deleter-ignores-searchers", "the deleter does not wait for searchers to leave")])
{
    internal override void Start(World w)
    {
        var insertMutex = w.Semaphore(1, "insertMutex");
        var noSearcher = w.Semaphore(1, "noSearcher");
        var noInserter = w.Semaphore(1, "noInserter");
        var searchSwitch = new Lightswitch(w, "searchSwitch");
        var insertSwitch = new Lightswitch(w, "insertSwitch");
        async Coroutine Work(string what)
        {
            w.Note(what + " in");
            await w.Yield();
            w.Note(what + " out");
        }
        w.Spawn(2, "searcher", async _ =>
        {
            await searchSwitch.Lock(noSearcher);
            await Work("search");
            await searchSwitch.Unlock(noSearcher);
        });
        w.Spawn(2, "inserter", async _ =>
        {
            var mutex = !w.Is("no-insert-mutex");
            await insertSwitch.Lock(noInserter);
            if (mutex) await insertMutex.Wait();
            await Work("insert");
            if (mutex) insertMutex.Signal();
            await insertSwitch.Unlock(noInserter);
        });
        w.Spawn("deleter", async () =>
        {
            var searchers = !w.Is("deleter-ignores-searchers");
            if (searchers) await noSearcher.Wait();
            await noInserter.Wait();
            await Work("delete");
            noInserter.Signal();
            if (searchers) noSearcher.Signal();
        });
    }

    internal override void Check(EventLog log)
    {
        log.AtMost(1, "insert in", "insert out", Rules[0]);
        log.Occupancy(e => e.What switch
            {
                "search in" or "insert in" => (0, 1), "search out" or "insert out" => (0, -1),
                "delete in" => (1, 1), "delete out" => (1, -1), _ => null,
            },
            (n, e) => EventLog.Require(n[1] == 0 || n[0] == 0, Rules[1], e, () => $"the deleter with {n[0]} others after {e}"), kinds: 2);
    }
}
