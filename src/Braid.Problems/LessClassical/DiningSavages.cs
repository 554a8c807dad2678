namespace Braid.Problems.LessClassical;

/// <summary>5.1 Dining savages: savages serve themselves from a pot of M servings; the one who finds it empty wakes the cook.</summary>
internal sealed class DiningSavages() : Problem("dining-savages", "5.1", Parts.LessClassical,
    ["nobody takes a serving from an empty pot", "the cook fills only an empty pot", "progress: every savage eats every meal"],
    [("no-mutex", "savages look into the pot without the mutex")])
{
    private const int M = 3, Savages = 4, Meals = 2;

    internal override void Start(World w)
    {
        var mutex = w.Semaphore(1, "mutex");
        var emptyPot = w.Semaphore(0, "emptyPot");
        var fullPot = w.Semaphore(0, "fullPot");
        var servings = 0;
        w.Spawn("cook", async () =>
        {
            for (var fill = 0; fill < (Savages * Meals + M - 1) / M; fill++)
            {
                await emptyPot.Wait();
                w.Note("fill", M);
                servings = M;
                fullPot.Signal();
            }
        });
        w.Spawn(Savages, "savage", async _ =>
        {
            for (var meal = 0; meal < Meals; meal++)
            {
                if (!w.Is("no-mutex")) await mutex.Wait();
                if (servings == 0)
                {
                    emptyPot.Signal();
                    await fullPot.Wait();
                }
                var left = servings;
                await w.Yield();
                servings = left - 1;
                w.Note("serve");
                if (!w.Is("no-mutex")) mutex.Signal();
                await w.Yield(); // eat
            }
        });
    }

    internal override void Check(EventLog log)
    {
        var pot = 0;
        foreach (var e in log.Events)
        {
            if (e.What == "fill")
            {
                EventLog.Require(pot == 0, Rules[1], e, () => $"{e} with {pot} servings still in the pot");
                pot = e.Arg;
            }
            else EventLog.Require(--pot >= 0, Rules[0], e, () => $"{e} from an empty pot");
        }
        log.Happened("serve", Savages * Meals, Rules[2]);
    }
}
