namespace Braid.Problems.LessClassical;

/// <summary>5.8.4 The multi-car roller coaster: loading and unloading areas pass from car to car, so cars unload in the order they loaded.</summary>
internal sealed class MultiCarRollerCoaster() : Problem("multi-car-roller-coaster", "5.8.4", Parts.LessClassical,
    [.. Coaster.Rules, "one car loads at a time", "cars unload in the order they loaded"],
    [("no-unloading-area", "cars unload without waiting for their turn")])
{
    private const int Cars = 2;

    internal override void Start(World w)
    {
        var c = new Coaster(w, Cars);
        var loadingArea = Enumerable.Range(0, Cars).Select(i => w.Semaphore(i == 0 ? 1 : 0, $"loadingArea{i}")).ToArray();
        var unloadingArea = Enumerable.Range(0, Cars).Select(i => w.Semaphore(i == 0 ? 1 : 0, $"unloadingArea{i}")).ToArray();
        var ordered = !w.Is("no-unloading-area");
        w.Spawn(Cars, "car", async i =>
        {
            await loadingArea[i].Wait();
            await c.Load(i);
            loadingArea[(i + 1) % Cars].Signal();
            await w.Yield(); // the ride
            if (ordered) await unloadingArea[i].Wait();
            await c.Unload(i);
            if (ordered) unloadingArea[(i + 1) % Cars].Signal();
        });
    }

    internal override void Check(EventLog log)
    {
        Coaster.Check(log);
        log.AtMost(1, "load", "run", Rules[4]);
        var loaded = log.Of("load").Select(e => e.Arg).ToList();
        var unloaded = log.Of("unload").Select(e => e.Arg).ToList();
        EventLog.Require(loaded.SequenceEqual(unloaded), Rules[5], () => $"loaded {string.Join(",", loaded)}, unloaded {string.Join(",", unloaded)}");
    }
}
