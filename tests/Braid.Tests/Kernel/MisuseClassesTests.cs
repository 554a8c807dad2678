namespace Braid.Tests.Kernel;

/// <summary>
/// Each class of misuse the runtime refuses: the error comes at the misuse, says what to do instead, and the loop's
/// state stays consistent (what the strand did before the misuse still works afterwards).
/// </summary>
public class MisuseClassesTests
{
    private static async Coroutine<Exception?> Catch(Func<Coroutine> body)
    {
        try
        {
            await body();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private static async Coroutine TakePermit(AsyncSemaphore s) => await s.Acquire();

    private static async Coroutine YieldOnce() => await Loop.Yield();

    [Fact]
    public void TwoCoroutinesStartedBeforeEitherIsAwaited_TheSecondCallThrows_AndTheFirstStillWorks()
    {
        Loop.Run(async () =>
        {
            var s = new AsyncSemaphore(0);
            var first = TakePermit(s); // parks, not awaited yet
            var error = Assert.Throws<InvalidOperationException>(() => TakePermit(s));
            Assert.Contains("await each coroutine at once", error.Message);
            Assert.Contains("spawn", error.Message);
            Assert.Equal(1, s.Waiting); // the refused call registered nothing
            s.Release();
            await first;
            Assert.Equal(0, s.Value);
        });
    }

    [Fact]
    public void TwoYieldingCoroutinesStartedTogether_AreRefusedToo()
    {
        Loop.Run(async () =>
        {
            var first = YieldOnce();
            Assert.Throws<InvalidOperationException>(() => YieldOnce());
            await first;
        });
    }

    [Fact]
    public void TheMisuseLeftUncaught_EndsTheLoopWithThatError()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Loop.Run(async () =>
        {
            var a = YieldOnce();
            var b = YieldOnce();
            await a;
            await b;
        }));
        Assert.Contains("await each coroutine at once", error.Message);
    }

    [Fact]
    public void AStrandThatReturnsWithAnUnawaitedWait_FailsAndLeavesNoRegistration()
    {
        var s = new AsyncSemaphore(0, "gate");
        var error = Assert.Throws<InvalidOperationException>(() => Loop.Run(async () =>
        {
            await Loop.Yield();
            _ = TakePermit(s);
        }));
        Assert.Contains("never awaited", error.Message);
        Assert.Contains("gate", error.Message);
        Assert.Equal(0, s.Waiting);
    }

    [Fact]
    public void AReceiveAwaitedTwice_Throws_AndReturnsNoValueNobodySent()
    {
        Loop.Run(async () =>
        {
            var (tx, rx) = MemoryChannel.Open<int>(0);
            var sender = Loop.Spawn(async () =>
            {
                await tx.Send(1);
                await tx.Send(2);
                tx.Close();
            });
            var receive = rx.Receive(); // parks: nothing sent yet
            Assert.Equal(1, await receive);
            var error = await Catch(async () => await receive);
            Assert.IsType<InvalidOperationException>(error, exactMatch: false);
            Assert.Contains("already awaited", error!.Message);
            Assert.Equal(2, await rx.Receive()); // nothing lost, nothing duplicated
            await sender.Join();
        });
    }

    [Fact]
    public void ASendAwaitedTwice_Throws_AndDeliversNothingTwice()
    {
        Loop.Run(async () =>
        {
            var (tx, rx) = MemoryChannel.Open<int>(0);
            var received = new List<int>();
            var receiver = Loop.Spawn(async () =>
            {
                await foreach (var item in rx) received.Add(item);
            });
            var send = tx.Send(7);
            await send;
            Assert.IsType<InvalidOperationException>(await Catch(async () => await send), exactMatch: false);
            tx.Close();
            await receiver.Join();
            Assert.Equal([7], received);
        });
    }

    [Fact]
    public void AParkOrSleepAwaitedTwice_Throws()
    {
        Loop.Run(async () =>
        {
            var s = new AsyncSemaphore(0);
            var releaser = Loop.Spawn(async () =>
            {
                await Loop.Yield();
                s.Release();
            });
            var acquire = s.Acquire();
            await acquire;
            Assert.IsType<InvalidOperationException>(await Catch(async () => await acquire), exactMatch: false);
            Assert.Equal(0, s.Value); // the second await took no permit
            var nap = Loop.Sleep(TimeSpan.FromMilliseconds(1));
            await nap;
            Assert.IsType<InvalidOperationException>(await Catch(async () => await nap), exactMatch: false);
            await releaser.Join();
        }, RunOptions.Deterministic(1));
    }

    [Fact]
    public void ASelectCaseGivenTwice_IsRefused()
    {
        Loop.Run(async () =>
        {
            var (tx, rx) = MemoryChannel.Open<int>(1);
            var fromRx = rx.ReceiveCase();
            var error = await Catch(async () => await Select.RunAsync(fromRx, fromRx));
            Assert.IsType<ArgumentException>(error);
            Assert.Contains("give each case once", error!.Message);
            tx.TrySend(1);
            Assert.Equal(0, await Select.RunAsync(fromRx)); // the case still works
            Assert.Equal(1, fromRx.Value);
        });
    }

    [Fact]
    public void ASelectCaseInUseByAWaitingSelect_IsRefused_AndFreedOnceThatSelectEnds()
    {
        Loop.Run(async () =>
        {
            var (tx, rx) = MemoryChannel.Open<int>(0);
            var shared = rx.ReceiveCase();
            var first = Loop.Spawn(() => Select.RunAsync(shared));
            await Loop.Yield(); // the first select parks holding the case
            var error = await Catch(async () => await Select.RunAsync(shared));
            Assert.IsType<InvalidOperationException>(error);
            Assert.Contains("in use by another select", error!.Message);
            await tx.Send(5);
            Assert.Equal(0, await first.Join());
            Assert.Equal(5, shared.Value);
            // Reused after the select that held it has ended, also after a cancelled one.
            await Loop.MoveOnAfter(TimeSpan.FromMilliseconds(1), async () => await Select.RunAsync(shared));
            var late = Loop.Spawn(() => Select.RunAsync(shared));
            await tx.Send(6);
            Assert.Equal(0, await late.Join());
            Assert.Equal(6, shared.Value);
        }); // FIFO order: the first select surely parks before main tries the case
    }

    [Fact]
    public void ASpawnBodyThatDoesNotHandBackItsCoroutine_SpawnsNothing()
    {
        var strayRan = false;
        async Coroutine Stray()
        {
            strayRan = true;
            await Loop.Yield();
        }

        Loop.Run(async () =>
        {
            var error = Assert.Throws<InvalidOperationException>(() => Loop.Spawn(() =>
            {
                _ = Stray();          // takes the spawn
                return YieldOnce();   // ... but this is what the body hands back
            }));
            Assert.Contains("one call of a coroutine method", error.Message);
            for (var i = 0; i < 5; i++) await Loop.Yield();
            Assert.False(strayRan);
        });
    }

    [Fact]
    public void ASpawnBodyThatWaits_SpawnsNothing_AndTheSpawnerGoesOn()
    {
        static async Coroutine<int> WaitsFirst(AsyncSemaphore s)
        {
            await s.Acquire();
            return 1;
        }

        Loop.Run(async () =>
        {
            var s = new AsyncSemaphore(0);
            var error = Assert.Throws<InvalidOperationException>(() => Loop.Spawn(() =>
            {
                _ = WaitsFirst(s); // another result type: runs now, in the spawner, and would park it
                return Coroutine.CompletedCoroutine;
            }));
            Assert.Contains("spawn body ran a coroutine that waited", error.Message);
            Assert.Equal(0, s.Waiting);
            await Loop.Yield();
        });
    }

    [Fact]
    public void AScopeCancelledFromAnotherThread_IsRefused()
    {
        Loop.Run(async () =>
        {
            var scope = new CancelScope();
            var error = await Loop.Cancellable(Task.Run(() => Record.Exception(scope.Cancel)));
            Assert.IsType<InvalidOperationException>(error, exactMatch: false);
            Assert.Contains("another Braid loop", error!.Message);
            Assert.False(scope.CancelCalled);
        });
    }

    [Fact]
    public void AChannelWithWaitersOfOneLoop_IsRefusedToAnother()
    {
        Loop.Run(async () =>
        {
            var (tx, rx) = MemoryChannel.Open<int>(0);
            var receiver = Loop.Spawn(async () => await rx.Receive());
            await Loop.Yield(); // the receiver parks
            var error = await Loop.Cancellable(Task.Run(() => Record.Exception(() => Loop.Run(() =>
            {
                tx.TrySend(1);
                return Coroutine.CompletedCoroutine;
            }))));
            Assert.IsType<InvalidOperationException>(error, exactMatch: false);
            await tx.Send(2);
            Assert.Equal(2, await receiver.Join());
        });
    }

    [Fact]
    public void ASemaphoreWithWaitersOfOneLoop_CannotBeReleasedFromAnother()
    {
        Loop.Run(async () =>
        {
            var s = new AsyncSemaphore(0);
            var waiter = Loop.Spawn(() => TakePermit(s));
            await Loop.Yield();
            var error = await Loop.Cancellable(Task.Run(() => Record.Exception(() => Loop.Run(() =>
            {
                s.Release();
                return Coroutine.CompletedCoroutine;
            }))));
            Assert.IsType<InvalidOperationException>(error, exactMatch: false);
            Assert.Equal(1, s.Waiting);
            s.Release();
            await waiter.Join();
        });
    }

    [Fact]
    public void ThreadVersionsRefuseToBlockALoopThread()
    {
        Loop.Run(() =>
        {
            Action[] blocking =
            [
                () => new ThreadLock().Acquire(),
                () => new ThreadSemaphore(1).Acquire(),
                () => new ThreadChannel<int>(1).Send(1),
                () => new ThreadChannel<int>(1).Receive(),
                () => new ThreadEvent().Wait(),
                () => new ThreadBarrier(1).Wait(),
                () => new ThreadReadersWriterLock().AcquireRead(),
                () => new ThreadReadersWriterLock().AcquireWrite(),
                () => new ThreadCondition().Wait(),
                () => ((ILock)new ThreadLock()).AcquireAsync(),
            ];
            foreach (var call in blocking)
            {
                var error = Assert.Throws<InvalidOperationException>(call);
                Assert.Contains("runs a Braid loop", error.Message);
            }
            return Coroutine.CompletedCoroutine;
        });
        new ThreadLock().Acquire(); // off a loop they block as before
    }

    [Fact]
    public void InvariantChecksAreOnInTestRuns() => Assert.True(Invariant.Enabled);
}
