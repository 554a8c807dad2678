using Braid.Tests.Conformance;

namespace Braid.Tests.Channels;

/// <summary>
/// The channel contract as checks written once for every channel, on a loop or on threads (see <see cref="Scene"/>).
/// Each fails with a message naming the channel and what it got; <see cref="DroppingChannelTests"/> shows they can.
/// </summary>
public static class ChannelChecks
{
    /// <summary>A contender that receives until the end of the stream, handing each item to <paramref name="received"/>.</summary>
    private static Func<Task> Receiver(ChannelLike ch, Action<int> received, Action? ended = null) => async () =>
    {
        while (true)
        {
            int item;
            try
            {
                item = await ch.Receive();
            }
            catch (EndOfChannelException)
            {
                ended?.Invoke();
                return;
            }
            received(item);
        }
    };

    /// <summary>One producer sends 0..49 and closes; one consumer must get exactly 0..49, in order, then the end.</summary>
    public static async Task ItemsArriveInTheOrderSent(Scene scene, ChannelLike ch)
    {
        var got = new List<int>();
        scene.Start(async () =>
        {
            for (var i = 0; i < 50; i++) await ch.Send(i);
            ch.Close();
        });
        scene.Start(Receiver(ch, got.Add));
        await scene.AllFinished();
        Assert.True(got.SequenceEqual(Enumerable.Range(0, 50)), $"{ch} delivered [{string.Join(", ", got)}] for 0..49 sent in order");
    }

    /// <summary>Producers send disjoint items, the last to finish closes; consumers between them receive each item once.</summary>
    public static async Task EachItemExactlyOnce(Scene scene, ChannelLike ch, int items, int producers, int consumers)
    {
        var times = new int[items];
        var count = 0;
        long sum = 0;
        var sending = producers;
        for (var p = 0; p < producers; p++)
        {
            var first = p;
            scene.Start(async () =>
            {
                for (var i = first; i < items; i += producers) await ch.Send(i);
                if (Interlocked.Decrement(ref sending) == 0) ch.Close();
            });
        }
        for (var c = 0; c < consumers; c++)
        {
            scene.Start(Receiver(ch, item =>
            {
                Assert.True(Interlocked.Increment(ref times[item]) == 1, $"{ch} delivered item {item} twice");
                Interlocked.Increment(ref count);
                Interlocked.Add(ref sum, item);
            }));
        }
        await scene.AllFinished();
        var missing = Enumerable.Range(0, items).Where(i => times[i] == 0).Take(5).ToList();
        Assert.True(count == items, $"{ch} delivered {count} of {items} items (missing, first few: {string.Join(", ", missing)})");
        Assert.Equal((long)items * (items - 1) / 2, sum);
    }

    /// <summary>Two items sent, then close: the receiver gets both, then the end; a send after close is refused.</summary>
    public static async Task CloseDrainsThenEnds(Scene scene, ChannelLike ch)
    {
        var got = new List<int>();
        var ended = false;
        scene.Start(async () =>
        {
            await ch.Send(1);
            await ch.Send(2);
            ch.Close();
        });
        scene.Start(Receiver(ch, got.Add, () => ended = true));
        await scene.AllFinished();
        Assert.True(got.SequenceEqual([1, 2]), $"{ch} delivered [{string.Join(", ", got)}] for [1, 2] sent before close");
        Assert.True(ended, $"{ch} never ended the stream");
        try
        {
            await ch.Send(3);
            Assert.Fail($"{ch} accepted a send after close");
        }
        catch (ClosedResourceException)
        {
        }
    }

    /// <summary>Three receivers blocked on an empty channel all get the end when it closes: none is left waiting.</summary>
    public static async Task CloseWakesParkedReceivers(Scene scene, ChannelLike ch)
    {
        var ends = 0;
        for (var i = 0; i < 3; i++)
        {
            scene.Start(async () =>
            {
                try
                {
                    var item = await ch.Receive();
                    Assert.Fail($"{ch} delivered {item}, but nothing was sent");
                }
                catch (EndOfChannelException)
                {
                    Interlocked.Increment(ref ends);
                }
            });
        }
        await scene.Until(() => scene.Blocked() == 3, $"3 receivers blocked in {ch}");
        ch.Close();
        await scene.AllFinished();
        Assert.Equal(3, ends);
    }

    /// <summary>TrySend fills the buffer (never a rendezvous) and TryReceive empties it, in order, neither waiting.</summary>
    public static Task TrySendAndTryReceiveNeverWait(Scene scene, ChannelLike ch)
    {
        Assert.False(ch.TryReceive(out _));
        var accepted = 0;
        while (accepted < 10 && ch.TrySend(accepted)) accepted++;
        var got = new List<int>();
        while (ch.TryReceive(out var item)) got.Add(item);
        Assert.True(got.SequenceEqual(Enumerable.Range(0, accepted)), $"{ch} gave back [{string.Join(", ", got)}] for 0..{accepted - 1} accepted");
        Assert.Equal(ch.Capacity is { } c ? Math.Min(c, 10) : 10, accepted);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Proof that the channel checks can fail: over a channel that drops the second item offered, on a loop and on
/// threads, every check that sends items fails on its own assertion. (The close-wakes-receivers check sends
/// nothing, so there is nothing to drop.)
/// </summary>
public class DroppingChannelTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var family in new[] { "coroutines", "threads" })
        {
            foreach (var check in new[] { "order", "exactly once", "drain", "try" }) data.Add(family, check);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ADroppedItem_FailsTheCheck(string family, string check)
    {
        Func<ChannelLike> open = family == "coroutines"
            ? () => new DroppingChannelLike(new MemoryChannelLike(MemoryChannel.Open<int>(8, "test"), 8))
            : () => new DroppingChannelLike(new ThreadChannelLike(8));
        Func<Scene, ChannelLike, Task> run = check switch
        {
            "order" => ChannelChecks.ItemsArriveInTheOrderSent,
            "exactly once" => (scene, ch) => ChannelChecks.EachItemExactlyOnce(scene, ch, items: 200, producers: 2, consumers: 2),
            "drain" => ChannelChecks.CloseDrainsThenEnds,
            "try" => ChannelChecks.TrySendAndTryReceiveNeverWait,
            _ => throw new ArgumentException(check),
        };
        var error = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Scene.Run(open().Family, scene => run(scene, open()), seeds: 3, threadRuns: 1));
        var expected = check switch
        {
            "order" => "delivered [0, 2, 3,",
            "exactly once" => "delivered 199 of 200 items",
            "drain" => "delivered [1] for [1, 2]",
            _ => "gave back [0, 2, 3,",
        };
        Assert.Contains(expected, error.Message);
    }
}
