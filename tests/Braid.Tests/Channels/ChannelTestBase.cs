using Braid.Tests.Conformance;

namespace Braid.Tests.Channels;

/// <summary>
/// The channel contract, run over every channel kind (one subclass each): the checks in <see cref="ChannelChecks"/>
/// over Braid's memory channels on a loop under 100 seeds, and over <see cref="ThreadChannel{T}"/> and
/// System.Threading.Channels on threads; then the checks only memory channels can pass (clones, a closed receiver,
/// cancellation, deadlock reports), skipped with the reason for the others.
/// </summary>
public abstract class ChannelTestBase
{
    /// <summary>Opens a fresh channel of the kind under test (on a loop, for memory channels, from inside it).</summary>
    protected abstract ChannelLike Open();

    private void Check(Func<Scene, ChannelLike, Task> check, int seeds = Seeds.Count, int threadRuns = 10) =>
        Scene.Run(Open().Family, scene => check(scene, Open()), seeds, threadRuns);

    [Fact]
    public void Items_ArriveInTheOrderSent() => Check(ChannelChecks.ItemsArriveInTheOrderSent);

    [Fact]
    public void ManyProducersManyConsumers_DeliverEachItemExactlyOnce()
    {
        if (Open().Family == Family.Coroutines)
        {
            // 100,000 items once, and 2,000 items under every seed.
            Check((scene, ch) => ChannelChecks.EachItemExactlyOnce(scene, ch, items: 100_000, producers: 4, consumers: 4), seeds: 1);
            Check((scene, ch) => ChannelChecks.EachItemExactlyOnce(scene, ch, items: 2_000, producers: 4, consumers: 3));
        }
        else Check((scene, ch) => ChannelChecks.EachItemExactlyOnce(scene, ch, items: 10_000, producers: 4, consumers: 3), threadRuns: 2);
    }

    [Fact]
    public void Close_LetsReceiversDrainWhatIsLeft_ThenEndsTheStream() => Check(ChannelChecks.CloseDrainsThenEnds);

    [Fact]
    public void Close_WakesParkedReceiversWithTheEnd() => Check(ChannelChecks.CloseWakesParkedReceivers);

    [Fact]
    public void TrySendAndTryReceive_NeverWait() => Check(ChannelChecks.TrySendAndTryReceiveNeverWait);

    // Only Braid's memory channels: two ends, clones, cancellation and the loop's deadlock report.

    private (ChannelSender<int> Sender, ChannelReceiver<int> Receiver) OpenMemory() => ((MemoryChannelLike)Open()).Ends;

    private int? Capacity() => Open().Capacity;

    private void SkipUnlessMemory(string what) => Skip.IfNot(Open() is MemoryChannelLike, $"{Open()} has no {what}: only Braid's memory channels do");

    [SkippableFact]
    public void ClosingOneOfTwoSenders_KeepsReceiversParked_UntilTheLast()
    {
        SkipUnlessMemory("cloned senders");
        Seeds.Run(async () =>
        {
            var (tx, rx) = OpenMemory();
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
    }

    [SkippableFact]
    public void ClosingTheLastReceiver_FailsSenders_InsteadOfBlockingThemForever()
    {
        SkipUnlessMemory("receiver end to close");
        var unbounded = Capacity() is null;
        Seeds.Run(async () =>
        {
            var (tx, rx) = OpenMemory();
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
                            if (unbounded) await Loop.Yield(); // an unbounded send never waits
                        }
                    }
                    catch (BrokenChannelException)
                    {
                        broken = true;
                    }
                });
                if (!unbounded) await Seeds.Until(() => rx.Statistics().WaitingSenders == 1);
                else await Seeds.Until(() => rx.Statistics().Buffered > 100);
                rx.Close();
            });
            Assert.True(broken);
        });
    }

    [SkippableFact]
    public void ACancelledSend_DeliveredOrNot_TheSenderKnowsWhich()
    {
        SkipUnlessMemory("cancellable send");
        var unbounded = Capacity() is null;
        Seeds.Run(async () =>
        {
            var (tx, rx) = OpenMemory();
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
            if (unbounded) Assert.Equal(120, delivered.Count); // an unbounded send never waits, so never loses the race
            else Assert.InRange(delivered.Count, 1, 119); // the race went both ways
        });
    }

    [SkippableFact]
    public void ACancelledReceive_TakesNothing()
    {
        SkipUnlessMemory("cancellable receive");
        Seeds.Run(async () =>
        {
            var (tx, rx) = OpenMemory();
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
    }

    [SkippableFact]
    public void AParkedReceiver_IsNamedInADeadlockReport()
    {
        SkipUnlessMemory("deadlock report");
        for (var seed = 0; seed < Seeds.Count; seed++)
        {
            var error = Assert.Throws<DeadlockException>(() => Loop.Run(async () =>
            {
                var (_, rx) = OpenMemory();
                await rx.Receive();
            }, RunOptions.Deterministic(seed)));
            Assert.StartsWith("receive from Channel 'test'", error.Blocked[0].WaitingOn);
        }
    }
}

public sealed class BoundedChannelTests : ChannelTestBase
{
    protected override ChannelLike Open() => new MemoryChannelLike(MemoryChannel.Open<int>(8, "test"), 8);
}

public sealed class OneSlotChannelTests : ChannelTestBase
{
    protected override ChannelLike Open() => new MemoryChannelLike(MemoryChannel.Open<int>(1, "test"), 1);
}

public sealed class RendezvousChannelTests : ChannelTestBase
{
    protected override ChannelLike Open() => new MemoryChannelLike(MemoryChannel.OpenRendezvous<int>("test"), 0);
}

public sealed class UnboundedChannelTests : ChannelTestBase
{
    protected override ChannelLike Open() => new MemoryChannelLike(MemoryChannel.OpenUnbounded<int>("test"), null);
}

public sealed class BoundedThreadChannelTests : ChannelTestBase
{
    protected override ChannelLike Open() => new ThreadChannelLike(8);
}

public sealed class RendezvousThreadChannelTests : ChannelTestBase
{
    protected override ChannelLike Open() => new ThreadChannelLike(0);
}

public sealed class UnboundedThreadChannelTests : ChannelTestBase
{
    protected override ChannelLike Open() => new ThreadChannelLike(null);
}

public sealed class BoundedSystemChannelTests : ChannelTestBase
{
    protected override ChannelLike Open() => new SystemChannelLike(8);
}

public sealed class UnboundedSystemChannelTests : ChannelTestBase
{
    protected override ChannelLike Open() => new SystemChannelLike(null);
}
