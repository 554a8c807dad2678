namespace Braid.Tests.Kernel;

public class MisuseTests
{
    [Fact]
    public void AwaitingABraidOperationOutsideALoop_IsAClearError()
    {
        static async Coroutine Sleeper() => await Loop.Sleep(TimeSpan.FromSeconds(1));

        var error = Assert.Throws<InvalidOperationException>(() => Sleeper().GetAwaiter().GetResult());
        Assert.Contains("outside Loop.Run", error.Message);
    }

    [Fact]
    public void RunningALoopInsideALoop_IsAClearError()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Loop.Run(() =>
        {
            Loop.Run(() => Coroutine.CompletedCoroutine);
            return Coroutine.CompletedCoroutine;
        }));
        Assert.Contains("loops do not nest", error.Message);
    }

    [Fact]
    public void JoiningAStrandFromAnotherLoop_IsAClearError()
    {
        var foreign = Loop.Run(() => Coroutine<Strand>.FromResult(Loop.Spawn(() => Coroutine.CompletedCoroutine)));
        var error = Assert.Throws<InvalidOperationException>(() => Loop.Run(async () => await foreign.Join()));
        Assert.Contains("another loop", error.Message);
    }

    [Fact]
    public void AwaitingACoroutineTwice_IsAClearError()
    {
        static async Coroutine<int> Slow()
        {
            await Loop.Yield();
            return 1;
        }

        var error = Assert.Throws<InvalidOperationException>(() => Loop.Run(async () =>
        {
            var once = Slow();
            await once;
            await once;
        }));
        Assert.Contains("awaited only once", error.Message);
    }
}
