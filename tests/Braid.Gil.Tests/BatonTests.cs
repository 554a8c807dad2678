using Braid.Gil;

namespace Braid.Gil.Tests;

public class BatonTests
{
    /// <summary>Generous bound on joins: only a hang guard, never an assertion about speed.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    [Fact]
    public void NonAtomicCounter_IncrementedByManyThreadsUnderTheBaton_IsExact()
    {
        var baton = new Baton(TimeSpan.FromMilliseconds(1));
        const int threads = 4, increments = 5_000;
        long counter = 0;
        var inside = 0;
        var overlaps = 0;
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            using (baton.Hold())
            {
                for (var i = 0; i < increments; i++)
                {
                    // One "bytecode": read, work, write, with no check in between; the baton may change hands only at Tick.
                    if (Interlocked.Increment(ref inside) != 1) Interlocked.Increment(ref overlaps);
                    var seen = counter;
                    Interpreted.CpuUnit((ulong)seen, 200);
                    counter = seen + 1;
                    Interlocked.Decrement(ref inside);
                    baton.Tick();
                }
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        Assert.All(workers, w => Assert.True(w.Join(HangGuard)));

        Assert.Equal(threads * increments, counter);
        Assert.Equal(0, overlaps);
    }

    [Fact]
    public void CpuBoundHolder_IsMadeToHandOver_SoAWaiterRuns()
    {
        var baton = new Baton(TimeSpan.FromMilliseconds(1));
        using var holderHasIt = new ManualResetEventSlim();
        var waiterRan = false;
        var holder = new Thread(() =>
        {
            using (baton.Hold())
            {
                holderHasIt.Set();
                // CPU-bound: never blocks, never releases on its own; only Tick can hand the baton over.
                while (!Volatile.Read(ref waiterRan)) baton.Tick();
            }
        });
        var waiter = new Thread(() =>
        {
            holderHasIt.Wait();
            using (baton.Hold()) Volatile.Write(ref waiterRan, true);
        });
        holder.Start();
        waiter.Start();

        Assert.True(waiter.Join(HangGuard), "the waiter never got the baton");
        Assert.True(holder.Join(HangGuard));
        Assert.True(baton.ForcedSwitches >= 1);
    }

    [Fact]
    public void BlockingCall_RunsWithoutTheBaton_SoAnotherThreadRunsMeanwhile()
    {
        var baton = new Baton();
        using var blocking = new ManualResetEventSlim();
        using var ioDone = new ManualResetEventSlim();
        var otherRanDuringBlockingCall = false;
        var io = new Thread(() =>
        {
            using (baton.Hold())
            {
                using (baton.Released())
                {
                    blocking.Set();
                    ioDone.Wait(); // the "blocking call": it ends only when the other thread has run under the baton
                }
            }
        });
        var other = new Thread(() =>
        {
            blocking.Wait();
            using (baton.Hold()) otherRanDuringBlockingCall = !ioDone.IsSet;
            ioDone.Set();
        });
        io.Start();
        other.Start();

        Assert.True(io.Join(HangGuard));
        Assert.True(other.Join(HangGuard));
        Assert.True(otherRanDuringBlockingCall);
        Assert.Equal(0, baton.ForcedSwitches);
    }

    [Fact]
    public void Release_ByAThreadThatDoesNotHoldIt_Throws()
    {
        var baton = new Baton();
        Assert.Throws<InvalidOperationException>(baton.Release);
        baton.Acquire();
        Exception? error = null;
        var stranger = new Thread(() => error = Record.Exception(baton.Release));
        stranger.Start();
        stranger.Join();
        Assert.IsType<InvalidOperationException>(error);
        Assert.True(baton.IsHeldByCurrentThread);
        baton.Release();
    }

    [Fact]
    public void Acquire_Twice_Throws_TheBatonIsNotReentrant()
    {
        var baton = new Baton();
        using (baton.Hold())
        {
            Assert.Throws<InvalidOperationException>(baton.Acquire);
        }
        Assert.False(baton.IsHeldByCurrentThread);
    }

    [Fact]
    public void SwitchInterval_MustBePositive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Baton(TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromMilliseconds(5), new Baton().SwitchInterval);
    }

    [Theory]
    [InlineData(LabWork.Cpu, true)]
    [InlineData(LabWork.Cpu, false)]
    [InlineData(LabWork.Io, true)]
    [InlineData(LabWork.Io, false)]
    public void Lab_RunsEveryCase_OnOneToNThreads(LabWork work, bool withBaton)
    {
        var size = new LabSize(CpuUnits: 12, IoOperations: 6, IoBlock: TimeSpan.FromMilliseconds(1), ConvoyOperations: 4);
        var points = GilLab.Run(work, withBaton, 3, size, TimeSpan.FromMilliseconds(1));
        Assert.Equal([1, 2, 3], points.Select(p => p.Threads));
        Assert.All(points, p => Assert.Equal((work, withBaton), (p.Work, p.WithBaton)));
        Assert.Equal(1.0, points[0].SpeedUp);
    }
}
