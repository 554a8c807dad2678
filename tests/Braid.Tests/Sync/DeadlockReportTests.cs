namespace Braid.Tests.Sync;

public class DeadlockReportTests
{
    [Fact]
    public void TwoLocksTakenInOppositeOrder_AreReportedWithBothStrandsAndBothLocks()
    {
        for (var seed = 0; seed < Seeds.Count; seed++)
        {
            var error = Assert.Throws<DeadlockException>(() => Loop.Run(async () =>
            {
                var a = new AsyncLock("A");
                var b = new AsyncLock("B");
                var bothHoldOne = new AsyncBarrier(2, name: "both hold one");
                await TaskGroup.RunAsync(group =>
                {
                    group.Spawn(async () =>
                    {
                        await a.Acquire();
                        await bothHoldOne.Wait();
                        await b.Acquire();
                    }, "transfer-a-to-b");
                    group.Spawn(async () =>
                    {
                        await b.Acquire();
                        await bothHoldOne.Wait();
                        await a.Acquire();
                    }, "transfer-b-to-a");
                    return Coroutine.CompletedCoroutine;
                });
            }, RunOptions.Deterministic(seed)));
            Assert.Contains(error.Blocked, s => s.Name == "transfer-a-to-b" && s.WaitingOn == "Lock 'B' held by transfer-b-to-a, 1 waiting");
            Assert.Contains(error.Blocked, s => s.Name == "transfer-b-to-a" && s.WaitingOn == "Lock 'A' held by transfer-a-to-b, 1 waiting");
        }
    }
}
