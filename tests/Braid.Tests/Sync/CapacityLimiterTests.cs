namespace Braid.Tests.Sync;

public class CapacityLimiterTests
{
    [Fact]
    public void Tokens_AreBorrowedByName_AndOnlyTheBorrowerGivesThemBack() => Seeds.Run(async () =>
    {
        var limiter = new CapacityLimiter(2, "downloads");
        await limiter.AcquireOnBehalfOf("job-1");
        Assert.Throws<InvalidOperationException>(() => limiter.AcquireOnBehalfOf("job-1"));
        Assert.Throws<InvalidOperationException>(() => limiter.ReleaseOnBehalfOf("job-2"));
        Assert.Equal("job-1", limiter.Statistics().Owner);
        limiter.ReleaseOnBehalfOf("job-1");
        Assert.Equal(2, limiter.Available);
    });

    [Fact]
    public void RaisingTheTotal_AdmitsWaitersAtOnce_LoweringItWaitsForReturns() => Seeds.Run(async () =>
    {
        var limiter = new CapacityLimiter(1);
        var inside = 0;
        var most = 0;
        await TaskGroup.RunAsync(async group =>
        {
            var gate = new Event();
            for (var i = 0; i < 4; i++)
            {
                group.Spawn(async () =>
                {
                    await limiter.Acquire();
                    most = Math.Max(most, ++inside);
                    await gate.Wait();
                    inside--;
                    limiter.Release();
                });
            }
            await Seeds.Until(() => limiter.Statistics().Waiting == 3);
            limiter.TotalTokens = 3;
            await Seeds.Until(() => inside == 3);
            limiter.TotalTokens = 1;
            gate.Set();
        });
        Assert.Equal(3, most);
        Assert.Equal(0, limiter.Borrowed);
    });

    [Fact]
    public void ACancelledWaiter_LeavesNoPendingBorrower() => Seeds.Run(async () =>
    {
        var limiter = new CapacityLimiter(1);
        await limiter.AcquireOnBehalfOf("holder");
        await TaskGroup.RunAsync(async group =>
        {
            var scope = new CancelScope();
            group.Spawn(async () => await scope.RunAsync(async () => await limiter.AcquireOnBehalfOf("quitter")));
            await Seeds.Until(() => limiter.Statistics().Waiting == 1);
            scope.Cancel();
        });
        limiter.ReleaseOnBehalfOf("holder");
        await limiter.AcquireOnBehalfOf("quitter"); // no stale registration left behind
        Assert.Equal(1, limiter.Borrowed);
    });
}
