namespace Braid.Problems.Classical;

/// <summary>
/// 4.5.3 Cigarette smokers, with pushers: each agent puts two ingredients on the table; a pusher per ingredient
/// works out (under a mutex, with one flag per ingredient) which smoker has the third, and wakes that one.
/// </summary>
internal sealed class CigaretteSmokers() : Problem("cigarette-smokers", "4.5.3", Parts.Classical,
    ["a smoker takes only ingredients on the table", "the agent waits until the cigarette is made", "progress: every smoker smokes"],
    [("naive", "no pushers: smokers grab the ingredients themselves (deadlock)")])
{
    private const int Rounds = 2;
    private static readonly string[] Names = ["tobacco", "paper", "match"];

    internal override void Start(World w)
    {
        var agentSem = w.Semaphore(1, "agentSem");
        var on = Names.Select(n => w.Semaphore(0, n)).ToArray();          // signalled by the agents
        var smokerSem = Names.Select(n => w.Semaphore(0, n + "Smoker")).ToArray(); // wakes the smoker who has n
        var isOn = new bool[3];
        var mutex = w.Semaphore(1, "mutex");
        // Agent k puts out the two ingredients that are not k: the smoker who has k can smoke.
        w.Spawn(3, "agent", async k =>
        {
            for (var r = 0; r < Rounds; r++)
            {
                await agentSem.Wait();
                w.Note("round", k);
                foreach (var i in Others(k))
                {
                    w.Note("put", i);
                    on[i].Signal();
                }
            }
        });
        if (w.Is("naive"))
        {
            w.Spawn(3, "smoker", async k =>
            {
                for (var r = 0; r < Rounds; r++)
                {
                    foreach (var i in Others(k)) await on[i].Wait();
                    await Smoke(w, k, agentSem);
                }
            });
            return;
        }
        // Each ingredient is put out 2 * Rounds times (by the two agents that do not hold it).
        w.Spawn(3, "pusher", async i =>
        {
            for (var r = 0; r < 2 * Rounds; r++)
            {
                await on[i].Wait();
                await mutex.Wait();
                var other = Others(i).FirstOrDefault(j => isOn[j], -1);
                if (other >= 0)
                {
                    isOn[other] = false;
                    smokerSem[3 - i - other].Signal();
                }
                else isOn[i] = true;
                mutex.Signal();
            }
        });
        w.Spawn(3, "smoker", async k =>
        {
            for (var r = 0; r < Rounds; r++)
            {
                await smokerSem[k].Wait();
                await Smoke(w, k, agentSem);
            }
        });
    }

    private static int[] Others(int k) => [(k + 1) % 3, (k + 2) % 3];

    private static async Coroutine Smoke(World w, int k, Sem agentSem)
    {
        foreach (var i in Others(k)) w.Note("take", i);
        w.Note("smoke", k); // noted before the agent is told, so the log keeps the order on threads too
        agentSem.Signal();
        await w.Yield();
    }

    internal override void Check(EventLog log)
    {
        var table = new int[3];
        var rounds = 0;
        foreach (var e in log.Events)
        {
            switch (e.What)
            {
                case "put": table[e.Arg]++; break;
                case "take": EventLog.Require(--table[e.Arg] >= 0, Rules[0], e, () => $"{e} but none is on the table"); break;
                case "round": EventLog.Require(++rounds == 1, Rules[1], e, () => $"{e} before the last cigarette was made"); break;
                case "smoke": rounds--; break;
            }
        }
        log.Happened("smoke", 3 * Rounds, Rules[2]);
    }
}
