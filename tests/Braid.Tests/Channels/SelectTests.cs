namespace Braid.Tests.Channels;

public class SelectTests
{
    [Fact]
    public void AmongReadyCases_EachIsChosenRoughlyEvenly()
    {
        // Expected 3,333 each; 3,000..3,667 is more than seven standard deviations either side.
        Assert.All(Count(10_000, seed: 0), c => Assert.InRange(c, 3_000, 3_667));
        for (var seed = 1; seed < Seeds.Count; seed++)
        {
            // 1,000 selects: expected 333 each, standard deviation 15.
            Assert.All(Count(1_000, seed), c => Assert.InRange(c, 230, 440));
        }
    }

    private static int[] Count(int selects, int seed) =>
        Loop.Run(async () =>
        {
            var (txA, rxA) = MemoryChannel.OpenUnbounded<int>("a");
            var (txB, rxB) = MemoryChannel.OpenUnbounded<int>("b");
            var (txC, rxC) = MemoryChannel.OpenUnbounded<int>("c");
            var cases = new SelectCase[] { rxA.ReceiveCase(), rxB.ReceiveCase(), rxC.ReceiveCase() };
            var chosen = new int[3];
            for (var i = 0; i < selects; i++)
            {
                // Keep every case ready: refill whichever channel ran low.
                if (rxA.Statistics().Buffered == 0) txA.TrySend(i);
                if (rxB.Statistics().Buffered == 0) txB.TrySend(i);
                if (rxC.Statistics().Buffered == 0) txC.TrySend(i);
                chosen[await Select.RunAsync(cases)]++;
            }
            return chosen;
        }, RunOptions.Deterministic(seed));

    [Fact]
    public void ExactlyOneCaseFires_AndNoItemIsLost() => Seeds.Run(async () =>
    {
        var (txA, rxA) = MemoryChannel.OpenRendezvous<int>("a");
        var (txB, rxB) = MemoryChannel.OpenRendezvous<int>("b");
        var got = new List<int>();
        await TaskGroup.RunAsync(group =>
        {
            group.Spawn(async () =>
            {
                using (txA)
                {
                    for (var i = 0; i < 20; i++) await txA.Send(i);
                }
            });
            group.Spawn(async () =>
            {
                using (txB)
                {
                    for (var i = 100; i < 120; i++) await txB.Send(i);
                }
            });
            group.Spawn(async () =>
            {
                var fromA = rxA.ReceiveCase();
                var fromB = rxB.ReceiveCase();
                var open = 2;
                while (open > 0)
                {
                    var fired = await Select.RunAsync(fromA, fromB);
                    var which = fired == 0 ? fromA : fromB;
                    if (which.IsClosed)
                    {
                        open--;
                        if (fired == 0) fromA = null!;
                        else fromB = null!;
                        if (open == 1)
                        {
                            var rest = fired == 0 ? rxB : rxA;
                            await foreach (var item in rest) got.Add(item);
                            open = 0;
                        }
                    }
                    else got.Add(which.Value);
                }
            });
            return Coroutine.CompletedCoroutine;
        });
        Assert.Equal(Enumerable.Range(0, 20).Concat(Enumerable.Range(100, 20)), got.Order());
    });

    [Fact]
    public void SendAndReceiveCases_WaitTogether_AndTheOtherIsWithdrawn() => Seeds.Run(async () =>
    {
        var (txIn, rxIn) = MemoryChannel.Open<int>(0, "in");
        var (txOut, rxOut) = MemoryChannel.Open<int>(0, "out");
        await TaskGroup.RunAsync(async group =>
        {
            var fired = -1;
            group.Spawn(async () => fired = await Select.RunAsync(rxIn.ReceiveCase(), txOut.SendCase(5)));
            await Seeds.Until(() => rxIn.Statistics().WaitingReceivers == 1 && rxOut.Statistics().WaitingSenders == 1);
            Assert.Equal(5, await rxOut.Receive());
            await Seeds.Until(() => fired >= 0);
            Assert.Equal(1, fired);
            Assert.Equal(0, rxIn.Statistics().WaitingReceivers); // the receive case was withdrawn
            Assert.False(txIn.TrySend(9)); // so nobody takes this
        });
    });

    [Fact]
    public void Timeout_FiresWhenNothingElseDoes() => Seeds.Run(async () =>
    {
        var (_, rx) = MemoryChannel.Open<int>(4, "quiet");
        var fired = await Select.RunAsync(rx.ReceiveCase(), Select.Timeout(TimeSpan.FromSeconds(2)));
        Assert.Equal(1, fired);
        Assert.Equal(TimeSpan.FromSeconds(2), Loop.Now);
        Assert.Equal(0, rx.Statistics().WaitingReceivers);
    });

    [Fact]
    public void Default_FiresAtOnceWhenNothingIsReady_AndNeverWhenSomethingIs() => Seeds.Run(async () =>
    {
        var (tx, rx) = MemoryChannel.Open<int>(4, "c");
        var receive = rx.ReceiveCase();
        Assert.Equal(1, await Select.RunAsync(receive, Select.Default()));
        tx.TrySend(3);
        Assert.Equal(0, await Select.RunAsync(receive, Select.Default()));
        Assert.Equal(3, receive.Value);
    });

    [Fact]
    public void ACancelledSelect_WithdrawsEveryCase() => Seeds.Run(async () =>
    {
        var (txA, rxA) = MemoryChannel.Open<int>(0, "a");
        var (txB, rxB) = MemoryChannel.Open<int>(0, "b");
        await TaskGroup.RunAsync(async group =>
        {
            var scope = new CancelScope();
            group.Spawn(async () => await scope.RunAsync(async () => await Select.RunAsync(rxA.ReceiveCase(), rxB.ReceiveCase())));
            await Seeds.Until(() => rxA.Statistics().WaitingReceivers == 1);
            scope.Cancel();
            await Seeds.Until(() => rxA.Statistics().WaitingReceivers == 0 && rxB.Statistics().WaitingReceivers == 0);
            Assert.False(txA.TrySend(1));
            Assert.False(txB.TrySend(2));
        });
    });

    [Fact]
    public void AParkedSelect_IsNamedInADeadlockReport()
    {
        for (var seed = 0; seed < Seeds.Count; seed++)
        {
            var error = Assert.Throws<DeadlockException>(() => Loop.Run(async () =>
            {
                var (_, rxA) = MemoryChannel.Open<int>(0, "a");
                var (_, rxB) = MemoryChannel.Open<int>(0, "b");
                await Select.RunAsync(rxA.ReceiveCase(), rxB.ReceiveCase());
            }, RunOptions.Deterministic(seed)));
            Assert.Equal("select over receive from Channel 'a' (0/0 buffered, 0 sending, 1 receiving), receive from Channel 'b' (0/0 buffered, 0 sending, 1 receiving)",
                error.Blocked[0].WaitingOn);
        }
    }
}
