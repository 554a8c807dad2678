namespace Braid.Tests.Sync;

public class BarrierTests
{
    [Fact]
    public void Barrier_IsReusable_AndRunsItsActionOncePerGeneration() => Seeds.Run(async () =>
    {
        var phases = new List<string>();
        var generations = new List<long>();
        var barrier = new AsyncBarrier(3, g => generations.Add(g));
        await TaskGroup.RunAsync(group =>
        {
            for (var w = 0; w < 3; w++)
            {
                var id = w;
                group.Spawn(async () =>
                {
                    for (var round = 0; round < 4; round++)
                    {
                        phases.Add($"{round}");
                        await barrier.Wait();
                    }
                });
            }
            return Coroutine.CompletedCoroutine;
        });
        // Nobody starts round r+1 before all three finished round r.
        Assert.Equal(Enumerable.Range(0, 4).SelectMany(r => Enumerable.Repeat($"{r}", 3)), phases);
        Assert.Equal([0L, 1L, 2L, 3L], generations);
        Assert.Equal(4, barrier.Generation);
    });

    [Fact]
    public void ACancelledParty_LeavesAndItsPlaceIsFree() => Seeds.Run(async () =>
    {
        var barrier = new AsyncBarrier(2, name: "pair");
        await TaskGroup.RunAsync(async group =>
        {
            var scope = (CancelScope?)null;
            group.Spawn(async () =>
            {
                scope = new CancelScope();
                await scope.RunAsync(async () => await barrier.Wait());
            });
            await Seeds.Until(() => barrier.Arrived == 1);
            scope!.Cancel();
            await Seeds.Until(() => barrier.Arrived == 0);
            group.Spawn(async () => await barrier.Wait());
            await Seeds.Until(() => barrier.Arrived == 1);
            await barrier.Wait(); // the second of two: trips the barrier
        });
        Assert.Equal(1, barrier.Generation);
    });
}
