namespace Braid.Tests.Channels;

/// <summary>The channel contract, run over every channel kind (one subclass each), every test under 100 seeds.</summary>
public abstract class ChannelTestBase
{
    /// <summary>Opens a fresh channel of the kind under test.</summary>
    protected abstract (ChannelSender<int> Sender, ChannelReceiver<int> Receiver) Open();

    /// <summary>The buffer size, or null for unbounded.</summary>
    protected abstract int? Capacity { get; }

    [Fact]
    public void Items_ArriveInTheOrderSent() => Seeds.Run(async () =>
    {
        var (tx, rx) = Open();
        var got = new List<int>();
        await TaskGroup.RunAsync(group =>
        {
            group.Spawn(async () =>
            {
                using (tx)
                {
                    for (var i = 0; i < 50; i++) await tx.Send(i);
                }
            });
            group.Spawn(async () =>
            {
                await foreach (var item in rx) got.Add(item);
            });
            return Coroutine.CompletedCoroutine;
        });
        Assert.Equal(Enumerable.Range(0, 50), got);
    });

    [Fact]
    public void ManyProducersManyConsumers_DeliverEachItemExactlyOnce()
    {
        // 100,000 items once, and 2,000 items under every seed.
        ManyToMany(items: 100_000, producers: 4, consumers: 4, seeds: 1);
        ManyToMany(items: 2_000, producers: 4, consumers: 3, seeds: Seeds.Count);
    }

    private void ManyToMany(int items, int producers, int consumers, int seeds) => Seeds.Run(async () =>
    {
        var (tx, rx) = Open();
        var seen = new bool[items];
        long sum = 0;
        var count = 0;
        await TaskGroup.RunAsync(group =>
        {
            for (var p = 0; p < producers; p++)
            {
                var mine = tx.Clone();
                var first = p;
                group.Spawn(async () =>
                {
                    using (mine)
                    {
                        for (var i = first; i < items; i += producers) await mine.Send(i);
                    }
                });
            }
            tx.Close();
            for (var c = 0; c < consumers; c++)
            {
                var mine = rx.Clone();
                group.Spawn(async () =>
                {
                    await foreach (var item in mine)
                    {
                        Assert.False(seen[item], $"item {item} received twice");
                        seen[item] = true;
                        sum += item;
                        count++;
                    }
                });
            }
            return Coroutine.CompletedCoroutine;
        });
        Assert.Equal(items, count);
        Assert.Equal((long)items * (items - 1) / 2, sum);
    }, seeds);

    [Fact]
    public void Close_LetsReceiversDrainWhatIsLeft_ThenEndsTheStream() => Seeds.Run(async () =>
    {
        var (tx, rx) = Open();
        var got = new List<int>();
        var ended = false;
        await TaskGroup.RunAsync(group =>
        {
            group.Spawn(async () =>
            {
                await tx.Send(1);
                await tx.Send(2);
                tx.Close();
            });
            group.Spawn(async () =>
            {
                got.Add(await rx.Receive());
                got.Add(await rx.Receive());
                try
                {
                    await rx.Receive();
                }
                catch (EndOfChannelException)
                {
                    ended = true;
                }
            });
            return Coroutine.CompletedCoroutine;
        });
        Assert.Equal([1, 2], got);
        Assert.True(ended);
        Assert.True(rx.IsCompleted);
        Assert.Throws<ClosedResourceException>(() => tx.Send(3));
    });

    [Fact]
    public void ClosingTheLastSender_WakesParkedReceiversWithTheEnd() => Seeds.Run(async () =>
    {
        var (tx, rx) = Open();
        var second = tx.Clone();
        var ends = 0;
        await TaskGroup.RunAsync(async group =>
        {
            for (var i = 0; i < 3; i++)
            {
                var mine = rx.Clone();
                group.Spawn(async () =>
                {
                    await foreach (var _ in mine) Assert.Fail("nothing was sent");
                    ends++;
                });
            }
            await Seeds.Until(() => rx.Statistics().WaitingReceivers == 3);
            tx.Close();
            await Loop.Yield();
            Assert.Equal(3, rx.Statistics().WaitingReceivers); // one sender is still open
            second.Close();
        });
        Assert.Equal(3, ends);
    });

    [Fact]
    public void ClosingTheLastReceiver_FailsSenders_InsteadOfBlockingThemForever() => Seeds.Run(async () =>
    {
        var (tx, rx) = Open();
        var broken = false;
        await TaskGroup.RunAsync(async group =>
        {
            group.Spawn(async () =>
            {
                try
                {
                    for (var i = 0; ; i++)
                    {
                        await tx.Send(i);
                        if (Capacity is null) await Loop.Yield(); // an unbounded send never waits
                    }
                }
                catch (BrokenChannelException)
                {
                    broken = true;
                }
            });
            if (Capacity is not null) await Seeds.Until(() => rx.Statistics().WaitingSenders == 1);
            else await Seeds.Until(() => rx.Statistics().Buffered > 100);
            rx.Close();
        });
        Assert.True(broken);
    });

    [Fact]
    public void ACancelledSend_DeliveredOrNot_TheSenderKnowsWhich() => Seeds.Run(async () =>
    {
        var (tx, rx) = Open();
        var delivered = new List<int>();
        var received = new List<int>();
        await TaskGroup.RunAsync(group =>
        {
            for (var p = 0; p < 4; p++)
            {
                var mine = tx.Clone();
                var first = p * 1000;
                group.Spawn(async () =>
                {
                    using (mine)
                    {
                        // Each send races a deadline: some are delivered, some are cut short while queued.
                        for (var i = first; i < first + 30; i++)
                        {
                            var item = i;
                            if (await Loop.MoveOnAfter(TimeSpan.FromMilliseconds(1), async () => await mine.Send(item))) delivered.Add(item);
                        }
                    }
                });
            }
            tx.Close();
            group.Spawn(async () =>
            {
                await foreach (var item in rx)
                {
                    received.Add(item);
                    await Loop.Sleep(TimeSpan.FromMilliseconds(0.3)); // a slow consumer, so senders queue
                }
            });
            return Coroutine.CompletedCoroutine;
        });
        Assert.Equal(delivered.Order(), received.Order());
        if (Capacity is null) Assert.Equal(120, delivered.Count); // an unbounded send never waits, so never loses the race
        else Assert.InRange(delivered.Count, 1, 119); // the race went both ways
    });

    [Fact]
    public void ACancelledReceive_TakesNothing() => Seeds.Run(async () =>
    {
        var (tx, rx) = Open();
        await TaskGroup.RunAsync(async group =>
        {
            var scope = new CancelScope();
            group.Spawn(async () => await scope.RunAsync(async () =>
            {
                await rx.Receive();
                Assert.Fail("received after cancellation");
            }));
            await Seeds.Until(() => rx.Statistics().WaitingReceivers == 1);
            scope.Cancel();
            await Seeds.Until(() => rx.Statistics().WaitingReceivers == 0);
            group.Spawn(async () => await tx.Send(7));
            Assert.Equal(7, await rx.Receive());
        });
    });

    [Fact]
    public void TrySendAndTryReceive_NeverWait() => Seeds.Run(() =>
    {
        var (tx, rx) = Open();
        Assert.False(rx.TryReceive(out _));
        var accepted = 0;
        while (accepted < 10 && tx.TrySend(accepted)) accepted++;
        Assert.Equal(Capacity is { } c ? Math.Min(c, 10) : 10, accepted);
        for (var i = 0; i < accepted; i++)
        {
            Assert.True(rx.TryReceive(out var item));
            Assert.Equal(i, item);
        }
        Assert.False(rx.TryReceive(out _));
        return Coroutine.CompletedCoroutine;
    });

    [Fact]
    public void AParkedReceiver_IsNamedInADeadlockReport()
    {
        for (var seed = 0; seed < Seeds.Count; seed++)
        {
            var error = Assert.Throws<DeadlockException>(() => Loop.Run(async () =>
            {
                var (_, rx) = Open();
                await rx.Receive();
            }, RunOptions.Deterministic(seed)));
            Assert.StartsWith("receive from Channel 'test'", error.Blocked[0].WaitingOn);
        }
    }
}

public sealed class BoundedChannelTests : ChannelTestBase
{
    protected override int? Capacity => 8;

    protected override (ChannelSender<int>, ChannelReceiver<int>) Open() => MemoryChannel.Open<int>(8, "test");
}

public sealed class OneSlotChannelTests : ChannelTestBase
{
    protected override int? Capacity => 1;

    protected override (ChannelSender<int>, ChannelReceiver<int>) Open() => MemoryChannel.Open<int>(1, "test");
}

public sealed class RendezvousChannelTests : ChannelTestBase
{
    protected override int? Capacity => 0;

    protected override (ChannelSender<int>, ChannelReceiver<int>) Open() => MemoryChannel.OpenRendezvous<int>("test");
}

public sealed class UnboundedChannelTests : ChannelTestBase
{
    protected override int? Capacity => null;

    protected override (ChannelSender<int>, ChannelReceiver<int>) Open() => MemoryChannel.OpenUnbounded<int>("test");
}
