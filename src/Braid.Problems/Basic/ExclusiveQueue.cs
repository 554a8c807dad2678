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
        var waiting = new int[2]; // leaders, followers
        var queues = new[] { leaderQueue, followerQueue };
        // The book's leader and follower are mirror images: each takes a waiting partner or waits to be taken.
        async Coroutine Dance(int me)
        {
            var other = 1 - me;
            await mutex.Wait();
            if (waiting[other] > 0)
            {
                waiting[other]--;
                queues[other].Signal();
            }
            else
            {
                waiting[me]++;
                mutex.Signal();
                await queues[me].Wait();
            }
            if (me == 1) await w.Yield();
            w.Note("dance", me);
            if (me == 1) rendezvous.Signal();
            else
            {
                if (!w.Is("no-rendezvous")) await rendezvous.Wait();
                mutex.Signal();
            }
        }
        w.Spawn(Pairs, "leader", _ => Dance(0));
        w.Spawn(Pairs, "follower", _ => Dance(1));
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
