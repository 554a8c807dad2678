using System.Text;
using Braid.IO;

namespace Braid.Tests.IO;

[Collection(IoCollection.Name)]
public class SubprocessTests
{
    [Theory]
    [InlineData(PollerKind.Epoll, true)]
    [InlineData(PollerKind.Portable, false)]
    public void ARoundTripThroughCat_OverThePipes(PollerKind kind, bool onTheLoop)
    {
        var (output, code) = Loop.Run(async () =>
        {
            Poller.Use(kind);
            using var cat = Subprocess.Start("cat");
            Assert.Equal(onTheLoop, cat.Stdout.OnTheLoop); // epoll watches the pipes; Socket.Select cannot
            await cat.Stdin.SendAllAsync("through a pipe\n"u8.ToArray());
            cat.Stdin.Dispose();
            var output = Encoding.ASCII.GetString(await cat.Stdout.ReadToEndAsync());
            return (output, await cat.WaitAsync());
        });
        Assert.Equal("through a pipe\n", output);
        Assert.Equal(0, code);
    }

    [Fact]
    public void CancellingTheWaitingStrand_KillsTheChild()
    {
        var (finished, exited) = Loop.Run(async () =>
        {
            using var sleeper = Subprocess.Start("sleep", "60");
            var finished = await Loop.MoveOnAfter(TimeSpan.FromMilliseconds(50), async () => { await sleeper.WaitAsync(); });
            return (finished, sleeper.HasExited);
        });
        Assert.False(finished);
        Assert.True(exited);
    }

    [Fact]
    public void ACancelledPipeRead_LosesNoByte()
    {
        var text = Loop.Run(async () =>
        {
            using var child = Subprocess.Start("sh", "-c", "read line; echo \"got $line\"");
            var buffer = new byte[64];
            Assert.False(await Loop.MoveOnAfter(TimeSpan.FromMilliseconds(20), async () => { await child.Stdout.ReceiveSomeAsync(buffer); }));
            await child.Stdin.SendAllAsync("x\n"u8.ToArray());
            var n = await child.Stdout.ReceiveSomeAsync(buffer);
            await child.WaitAsync();
            return Encoding.ASCII.GetString(buffer, 0, n);
        });
        Assert.Equal("got x\n", text);
    }

    [Fact]
    public void ToProcess_RunsAFunctionInAWorkerProcess_AndReturnsItsResult()
    {
        var results = Loop.Run(async () =>
        {
            var worker = typeof(SubprocessTests).Assembly.Location;
            var results = new string[3];
            await TaskGroup.RunAsync(async group =>
            {
                for (var i = 0; i < results.Length; i++)
                {
                    var n = i;
                    group.Spawn(async () => results[n] = Encoding.UTF8.GetString(
                        await ToProcess.RunAsync("dotnet", [worker, "upper"], Encoding.UTF8.GetBytes($"job {n}"))));
                }
            });
            return results;
        });
        Assert.Equal(["JOB 0", "JOB 1", "JOB 2"], results);
    }

    [Fact]
    public void FourMebibytesThroughCat_BothPipesFillAndDrainOnTheLoop()
    {
        var data = new byte[4 << 20];
        new Random(11).NextBytes(data);
        var echoed = Loop.Run(async () =>
        {
            using var cat = Subprocess.Start("cat");
            byte[] output = [];
            await TaskGroup.RunAsync(async group =>
            {
                group.Spawn(async () => output = await cat.Stdout.ReadToEndAsync());
                await cat.Stdin.SendAllAsync(data); // far more than a pipe holds: the writer parks until cat reads
                cat.Stdin.Dispose();
            });
            Assert.Equal(0, await cat.WaitAsync());
            return output;
        });
        Assert.True(data.AsSpan().SequenceEqual(echoed));
    }
}
