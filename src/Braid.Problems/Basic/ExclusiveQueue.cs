namespace Braid.Problems.Basic;

/// <summary>3.8.4 Exclusive queue: dancers pair off, one leader with one follower, one pair at a time.</summary>
internal sealed class ExclusiveQueue() : Problem("exclusive-queue", "3.8.4", Parts.Basic,
    ["one pair dances at a time: a leader and a follower"],
    [("no-rendezvous", "the leader lets the next pair in before its follower has danced")])
{
    private const int Pairs = 3;

    internal override void Start(World w)
    {
        var mutex = w.Semaphore(1, "mutex");
        var leaderQueue = w.Semaphore(0, "leaderQueue");
        var followerQueue = w.Semaphore(0, "followerQueue");
        var rendezvous = w.Semaphore(0, "rendezvous");
        int leaders = 0, followers = 0;
        w.Spawn(Pairs, "leader", async _ =>
        {
            await mutex.Wait();
            if (followers > 0)
            {
                followers--;
                followerQueue.Signal();
            }
            else
            {
                leaders++;
                mutex.Signal();
                await leaderQueue.Wait();
            }
            w.Note("dance", 0);
            if (!w.Is("no-rendezvous")) await rendezvous.Wait();
            mutex.Signal();
        });
        w.Spawn(Pairs, "follower", async _ =>
        {
            await mutex.Wait();
            if (leaders > 0)
            {
                leaders--;
                leaderQueue.Signal();
            }
            else
            {
                followers++;
                mutex.Signal();
                await followerQueue.Wait();
            }
            await w.Yield();
            w.Note("dance", 1);
            rendezvous.Signal();
        });
    }

    internal override void Check(EventLog log)
    {
        var dances = log.Of("dance").ToList();
        for (var i = 0; i + 1 < dances.Count; i += 2)
        {
            var pair = dances[i];
            EventLog.Require(dances[i].Arg != dances[i + 1].Arg, Rules[0], () => $"{pair} then {dances[i + 1]}");
        }
    }
}
