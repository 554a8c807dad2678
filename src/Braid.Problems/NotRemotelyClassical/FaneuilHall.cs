namespace Braid.Problems.NotRemotelyClassical;

/// <summary>
/// 7.5 The Faneuil Hall problem: immigrants enter, check in and sit; the judge, once in, waits until everyone who
/// entered has checked in, then confirms them; nobody enters or leaves while the judge is in.
/// </summary>
internal sealed class FaneuilHall() : Problem("faneuil-hall", "7.5", Parts.NotRemotelyClassical,
    ["nobody enters or leaves while the judge is in", "the judge confirms only when everyone who entered has checked in",
     "an immigrant swears only after being confirmed", "progress: every immigrant gets a certificate"],
    [("judge-does-not-wait", "the judge confirms without waiting for everyone to check in")])
{
    private const int Immigrants = 3;

    internal override void Start(World w)
    {
        var noJudge = w.Semaphore(1, "noJudge");
        var mutex = w.Semaphore(1, "mutex");
        var confirmed = w.Semaphore(0, "confirmed");
        var allSignedIn = w.Semaphore(0, "allSignedIn");
        var arrived = w.Semaphore(0, "arrived"); // the judge comes in once someone has arrived since the last session
        int entered = 0, checkedIn = 0, certified = 0;
        var judge = false;
        w.Spawn(Immigrants, "immigrant", async _ =>
        {
            await noJudge.Wait();
            w.Note("enter");
            entered++;
            noJudge.Signal();
            arrived.Signal();
            await mutex.Wait();
            w.Note("check in");
            checkedIn++;
            if (judge && entered == checkedIn) allSignedIn.Signal(); // and pass the mutex
            else mutex.Signal();
            await confirmed.Wait();
            w.Note("swear");
            await noJudge.Wait();
            w.Note("leave");
            noJudge.Signal();
        });
        w.Spawn("spectator", async () =>
        {
            await noJudge.Wait();
            w.Note("enter");
            noJudge.Signal();
            await w.Yield();
            await noJudge.Wait();
            w.Note("leave");
            noJudge.Signal();
        });
        w.Spawn("judge", async () =>
        {
            while (certified < Immigrants)
            {
                await arrived.Wait();
                await noJudge.Wait();
                await mutex.Wait();
                w.Note("judge in");
                judge = true;
                if (entered > checkedIn && !w.Is("judge-does-not-wait"))
                {
                    mutex.Signal();
                    await allSignedIn.Wait(); // and the mutex
                }
                w.Note("confirm", checkedIn);
                confirmed.Signal(checkedIn);
                certified += checkedIn;
                entered = checkedIn = 0;
                w.Note("judge out");
                judge = false;
                mutex.Signal();
                noJudge.Signal();
            }
        });
    }

    internal override void Check(EventLog log)
    {
        var judgeIn = false;
        int entered = 0, checkedIn = 0, confirmed = 0, sworn = 0;
        foreach (var e in log.Events)
        {
            switch (e.What)
            {
                case "judge in": judgeIn = true; break;
                case "judge out": judgeIn = false; break;
                case "enter" or "leave":
                    EventLog.Require(!judgeIn, Rules[0], e, () => $"{e} while the judge is in");
                    if (e.What == "enter" && e.Who != "spectator") entered++;
                    break;
                case "check in": checkedIn++; break;
                case "confirm":
                    EventLog.Require(entered == checkedIn, Rules[1], e, () => $"{e} with {entered} entered and {checkedIn} checked in");
                    entered -= e.Arg;
                    checkedIn -= e.Arg;
                    confirmed += e.Arg;
                    break;
                case "swear": EventLog.Require(++sworn <= confirmed, Rules[2], e, () => $"{e} before being confirmed"); break;
            }
        }
        log.Happened("swear", Immigrants, Rules[3]);
    }
}
