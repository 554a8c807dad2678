namespace Braid.Tests.Sync;

public class ReadersWriterLockTests
{
    [Fact]
    public void Readers_ShareTheLock_WritersExcludeEveryone() => Seeds.Run(async () =>
    {
        var rw = new ReadersWriterLock("table");
        var readers = 0;
        var writers = 0;
        var mostReaders = 0;
        await TaskGroup.RunAsync(group =>
        {
            for (var i = 0; i < 8; i++)
            {
                var writer = i % 4 == 0;
                group.Spawn(async () =>
                {
                    for (var n = 0; n < 5; n++)
                    {
                        if (writer)
                        {
                            await rw.AcquireWrite();
                            Assert.Equal((0, 1), (readers, ++writers));
                            await Loop.Yield();
                            writers--;
                            rw.ReleaseWrite();
                        }
                        else
                        {
                            await rw.AcquireRead();
                            Assert.Equal(0, writers);
                            mostReaders = Math.Max(mostReaders, ++readers);
                            await Loop.Yield();
                            readers--;
                            rw.ReleaseRead();
                        }
                    }
                });
            }
            return Coroutine.CompletedCoroutine;
        });
        Assert.True(mostReaders > 1, "readers never overlapped");
        Assert.Equal((0, null), (rw.Readers, rw.Writer));
    });

    [Fact]
    public void AStreamOfReaders_CannotStarveAWriter() => Seeds.Run(async () =>
    {
        var rw = new ReadersWriterLock();
        var wrote = false;
        var readsAfterWriterArrived = 0;
        await TaskGroup.RunAsync(async group =>
        {
            await rw.AcquireRead(); // a reader inside when the writer arrives
            group.Spawn(async () =>
            {
                await rw.AcquireWrite();
                wrote = true;
                rw.ReleaseWrite();
            });
            await Seeds.Until(() => rw.Statistics().Waiting == 1);
            for (var i = 0; i < 5; i++)
            {
                group.Spawn(async () =>
                {
                    await rw.AcquireRead(); // queues behind the waiting writer
                    if (!wrote) readsAfterWriterArrived++;
                    rw.ReleaseRead();
                });
            }
            await Seeds.Until(() => rw.Statistics().Waiting == 6);
            rw.ReleaseRead();
        });
        Assert.True(wrote);
        Assert.Equal(0, readsAfterWriterArrived);
    });

    [Fact]
    public void WhenTheWaitingWriterGivesUp_TheQueuedReadersGoIn() => Seeds.Run(async () =>
    {
        var rw = new ReadersWriterLock();
        var reads = 0;
        await rw.AcquireRead();
        await TaskGroup.RunAsync(async group =>
        {
            var scope = new CancelScope();
            group.Spawn(async () => await scope.RunAsync(async () => await rw.AcquireWrite()));
            await Seeds.Until(() => rw.Statistics().Waiting == 1);
            group.Spawn(async () =>
            {
                await rw.AcquireRead();
                reads++;
                rw.ReleaseRead();
            });
            await Seeds.Until(() => rw.Statistics().Waiting == 2);
            scope.Cancel();
            await Seeds.Until(() => reads == 1);
        });
        rw.ReleaseRead();
        Assert.Equal(0, rw.Readers);
    });
}
