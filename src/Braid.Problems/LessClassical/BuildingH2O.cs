namespace Braid.Problems.LessClassical;

/// <summary>5.6 Building H2O: threads bond in threes, two hydrogens and one oxygen; a barrier keeps molecules apart.</summary>
internal sealed class BuildingH2O() : Problem("building-h2o", "5.6", Parts.LessClassical,
    ["bonds come in threes of 2 H and 1 O", "progress: every atom bonds"],
    [("no-barrier", "the oxygen lets the next molecule in before its hydrogens have bonded")])
{
    private const int Molecules = 2;
    private const int H = 0, O = 1;

    internal override void Start(World w)
    {
        var mutex = w.Semaphore(1, "mutex");
        var oxyQueue = w.Semaphore(0, "oxyQueue");
        var hydroQueue = w.Semaphore(0, "hydroQueue");
        var barrier = new Barrier(w, 3, "barrier");
        var useBarrier = !w.Is("no-barrier");
        int oxygen = 0, hydrogen = 0;
        bool TryBond()
        {
            if (hydrogen < 2 || oxygen < 1) return false;
            hydroQueue.Signal(2);
            hydrogen -= 2;
            oxyQueue.Signal();
            oxygen--;
            return true;
        }
        w.Spawn(Molecules, "oxygen", async _ =>
        {
            await mutex.Wait();
            oxygen++;
            if (!TryBond()) mutex.Signal();
            await oxyQueue.Wait();
            w.Note("bond", O);
            if (useBarrier) await barrier.Wait();
            mutex.Signal();
        });
        w.Spawn(2 * Molecules, "hydrogen", async _ =>
        {
            await mutex.Wait();
            hydrogen++;
            if (!TryBond()) mutex.Signal();
            await hydroQueue.Wait();
            w.Note("bond", H);
            if (useBarrier) await barrier.Wait();
        });
    }

    internal override void Check(EventLog log)
    {
        var bonds = log.Of("bond").ToList();
        for (var i = 0; i + 3 <= bonds.Count; i += 3)
        {
            var three = bonds.GetRange(i, 3);
            EventLog.Require(three.Count(b => b.Arg == H) == 2, Rules[0], () => string.Join(", ", three));
        }
        log.Happened("bond", 3 * Molecules, Rules[1]);
    }
}
