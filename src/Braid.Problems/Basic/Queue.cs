namespace Braid.Problems.Basic;

/// <summary>3.8 Queue: leaders and followers wait in two queues; each dances only once a partner has arrived.</summary>
internal sealed class Queue() : Problem("queue", "3.8", Parts.Basic,
    ["a leader dances only when a follower has arrived, and a follower only when a leader has"],
    [("leader-no-wait", "a leader dances without waiting for a follower")])
{
    private const int Pairs = 3;

    internal override void Start(World w)
    {
        var leaderQueue = w.Semaphore(0, "leaderQueue");
        var followerQueue = w.Semaphore(0, "followerQueue");
        w.Spawn(Pairs, "leader", async _ =>
        {
            w.Note("arrive leader");
            followerQueue.Signal();
            if (!w.Is("leader-no-wait")) await leaderQueue.Wait();
            w.Note("dance leader");
        });
        w.Spawn(Pairs, "follower", async _ =>
        {
            w.Note("arrive follower");
            leaderQueue.Signal();
            await followerQueue.Wait();
            w.Note("dance follower");
        });
    }

    internal override void Check(EventLog log)
    {
        int leaders = 0, followers = 0, leadersDanced = 0, followersDanced = 0;
        foreach (var e in log.Events)
        {
            switch (e.What)
            {
                case "arrive leader": leaders++; break;
                case "arrive follower": followers++; break;
                case "dance leader": EventLog.Require(++leadersDanced <= followers, Rules[0], e, () => $"{e} with {followers} followers arrived"); break;
                case "dance follower": EventLog.Require(++followersDanced <= leaders, Rules[0], e, () => $"{e} with {leaders} leaders arrived"); break;
            }
        }
    }
}
