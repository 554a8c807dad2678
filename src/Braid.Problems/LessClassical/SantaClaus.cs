namespace Braid.Problems.LessClassical;

/// <summary>
/// 5.5 The Santa Claus problem: Santa sleeps until all reindeer are back (then hitches them) or three elves need
/// help (then helps them); elfTex keeps a fourth elf out until the three have been helped.
/// </summary>
internal sealed class SantaClaus() : Problem("santa-claus", "5.5", Parts.LessClassical,
    ["Santa prepares the sleigh only when all reindeer are back", "Santa helps elves only in threes, and at most three ask at once",
     "an elf gets help only after Santa helps", "progress: every reindeer is hitched and every elf helped"],
    [("no-elfTex", "elves do not wait at elfTex")])
{
    private const int Reindeer = 3, Elves = 6;

    internal override void Start(World w)
    {
        var santaSem = w.Semaphore(0, "santaSem");
        var reindeerSem = w.Semaphore(0, "reindeerSem");
        var elfTex = w.Semaphore(1, "elfTex");
        var elfHelp = w.Semaphore(0, "elfHelp");
        var mutex = w.Semaphore(1, "mutex");
        int reindeer = 0, elves = 0;
        w.Spawn("santa", async () =>
        {
            for (var wake = 0; wake < 1 + Elves / 3; wake++)
            {
                await santaSem.Wait();
                await mutex.Wait();
                if (reindeer >= Reindeer)
                {
                    w.Note("prepare sleigh", reindeer);
                    reindeerSem.Signal(Reindeer);
                    reindeer -= Reindeer;
                }
                else if (elves == 3)
                {
                    w.Note("help elves", elves);
                    elfHelp.Signal(3);
                }
                mutex.Signal();
            }
        });
        w.Spawn(Reindeer, "reindeer", async _ =>
        {
            await mutex.Wait();
            reindeer++;
            if (reindeer == Reindeer) santaSem.Signal();
            mutex.Signal();
            await reindeerSem.Wait();
            w.Note("get hitched");
        });
        w.Spawn(Elves, "elf", async _ =>
        {
            var tex = !w.Is("no-elfTex");
            if (tex) await elfTex.Wait();
            await mutex.Wait();
            elves++;
            w.Note("ask");
            if (elves == 3) santaSem.Signal();
            else if (tex) elfTex.Signal();
            mutex.Signal();
            await elfHelp.Wait();
            w.Note("get help");
            await mutex.Wait();
            elves--;
            w.Note("done");
            if (elves == 0 && tex) elfTex.Signal();
            mutex.Signal();
        });
    }

    internal override void Check(EventLog log)
    {
        EventLog.Require(log.Of("prepare sleigh").All(e => e.Arg == Reindeer), Rules[0], () => "the sleigh was prepared early");
        EventLog.Require(log.Of("help elves").All(e => e.Arg == 3), Rules[1], () => "Santa helped a group that was not three");
        log.AtMost(3, "ask", "done", Rules[1]);
        var helped = 0;
        foreach (var e in log.Events)
        {
            if (e.What == "help elves") helped += 3;
            else if (e.What == "get help") EventLog.Require(--helped >= 0, Rules[2], e, () => $"{e} before Santa helped");
        }
        log.Happened("get hitched", Reindeer, Rules[3]);
        log.Happened("get help", Elves, Rules[3]);
    }
}
