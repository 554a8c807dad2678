namespace Braid.Tests.Kernel;

public class CallInTests
{
    [Fact]
    public void EightThreads_PostingCallIns_AreCountedExactly()
    {
        const int threads = 8;
        const int callsPerThread = 12_500; // 100,000 call-ins in all
        var total = Loop.Run(async () =>
        {
            var count = 0; // touched only on the loop thread: no lock needed
            var allDone = new Event();
            var handle = Loop.OpenHandle();
            var posters = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
            {
                var pending = new Task[callsPerThread];
                for (var i = 0; i < callsPerThread; i++)
                {
                    pending[i] = handle.InvokeAsync(() =>
                    {
                        if (++count == threads * callsPerThread) allDone.Set();
                    });
                }
                Task.WaitAll(pending);
            })).ToList();
            posters.ForEach(t => t.Start());
            await allDone.Wait();
            handle.Dispose();
            return count;
        });
        Assert.Equal(100_000, total);
    }

    [Fact]
    public void InvokeAsync_RunsACoroutineOnTheLoopAndReturnsItsResult()
    {
        var (loopThread, result, resultThread) = Loop.Run(async () =>
        {
            using var handle = Loop.OpenHandle();
            var seenOn = 0;
            var answer = await Task.Run(() => handle.InvokeAsync(async () =>
            {
                await Loop.Yield();
                seenOn = Environment.CurrentManagedThreadId;
                return 7;
            }));
            return (Environment.CurrentManagedThreadId, answer, seenOn);
        });
        Assert.Equal(7, result);
        Assert.Equal(loopThread, resultThread);
    }

    [Fact]
    public void InvokeAsync_CarriesTheException()
    {
        var message = Loop.Run(async () =>
        {
            using var handle = Loop.OpenHandle();
            try
            {
                await handle.InvokeAsync<int>(() => throw new InvalidDataException("inside"));
                return "no exception";
            }
            catch (InvalidDataException e)
            {
                return e.Message;
            }
        });
        Assert.Equal("inside", message);
    }
}
