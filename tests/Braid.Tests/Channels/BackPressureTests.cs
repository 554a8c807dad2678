namespace Braid.Tests.Channels;

public class BackPressureTests
{
    [Fact]
    public void ASlowConsumer_ParksAFastProducer_AndTheBufferNeverOverfills() => Seeds.Run(async () =>
    {
        var (tx, rx) = MemoryChannel.Open<int>(2, "narrow");
        var mostBuffered = 0;
        await TaskGroup.RunAsync(group =>
        {
            group.Spawn(async () =>
            {
                using (tx)
                {
                    for (var i = 0; i < 20; i++)
                    {
                        await tx.Send(i);
                        mostBuffered = Math.Max(mostBuffered, tx.Statistics().Buffered);
                    }
                }
            });
            group.Spawn(async () =>
            {
                await foreach (var _ in rx) await Loop.Sleep(TimeSpan.FromMilliseconds(3));
            });
            return Coroutine.CompletedCoroutine;
        });
        var stats = rx.Statistics();
        Assert.Equal((20L, 20L), (stats.Sent, stats.Received));
        Assert.InRange(stats.SenderParks, 15, 20); // all but the first few sends waited for room
        Assert.Equal(2, mostBuffered);
        Assert.Equal(TimeSpan.FromMilliseconds(60), Loop.Now); // the consumer's pace: 20 items x 3 ms
    });
}
