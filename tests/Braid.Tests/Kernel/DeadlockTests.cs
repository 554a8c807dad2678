namespace Braid.Tests.Kernel;

public class DeadlockTests
{
    [Fact]
    public void Deadlock_NamesEachBlockedStrandAndWhatItWaitsOn()
    {
        var error = Assert.Throws<DeadlockException>(() => Loop.Run(async () =>
        {
            var never = new Event();
            await TaskGroup.RunAsync(group =>
            {
                group.Spawn(async () => await never.Wait(), "waiter-1");
                group.Spawn(async () => await never.Wait(), "waiter-2");
                return Coroutine.CompletedCoroutine;
            });
        }, RunOptions.Deterministic(3)));

        Assert.Equal(["main", "waiter-1", "waiter-2"], error.Blocked.Select(b => b.Name));
        Assert.StartsWith("task group", error.Blocked[0].WaitingOn);
        Assert.StartsWith("Event (not set, 2 waiting)", error.Blocked[1].WaitingOn);
        Assert.Contains("waiter-2", error.Message);
    }

    [Fact]
    public void JoiningYourself_IsReportedAsADeadlock()
    {
        var error = Assert.Throws<DeadlockException>(() => Loop.Run(async () =>
        {
            Strand? self = null;
            self = Loop.Spawn(async () =>
            {
                await Loop.Yield();
                await self!.Join();
            }, "self-joiner");
            await self.Join();
        }));
        Assert.Contains(error.Blocked, b => b.Name == "self-joiner" && b.WaitingOn == "join of self-joiner");
    }

    [Fact]
    public void PendingTimer_IsNotADeadlock()
    {
        var now = Loop.Run(async () =>
        {
            await Loop.Sleep(TimeSpan.FromDays(1));
            return Loop.Now;
        }, new RunOptions { VirtualTime = true });
        Assert.Equal(TimeSpan.FromDays(1), now);
    }
}
