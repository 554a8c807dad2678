using Braid.Overheads.Units;

namespace Braid.Overheads.Tests;

public class UnitTests
{
    public static TheoryData<string> Units() => new(ConcurrencyUnits.All(TestChild.Launcher).Select(u => u.Name));

    private static IConcurrencyUnit Unit(string name) => ConcurrencyUnits.All(TestChild.Launcher).Single(u => u.Name == name);

    [Theory]
    [MemberData(nameof(Units))]
    public void CreateJoin_CreatesAndJoinsEveryUnit(string name)
    {
        var unit = Unit(name);
        foreach (var n in new[] { 1, Math.Min(12, unit.MaxUnits(quick: true)) })
        {
            // Each unit counts itself as it runs: a unit created but never run, or run twice, shows here.
            var run = Bounded.Run($"{name}: create+join of {n}", () => unit.CreateJoin(n));
            Assert.True(run.Completed == n, $"{name}: {run.Completed} of {n} created units ran");
        }
    }

    [Theory]
    [MemberData(nameof(Units))]
    public void PingPong_EveryMessageComesBack_InOrder(string name)
    {
        const int rounds = 100; // under 256, so the one byte a process echoes is the whole message
        var back = new List<int>();
        var elapsed = Bounded.Run($"{name}: ping-pong of {rounds} rounds", () => Unit(name).PingPong(rounds, back.Add));
        Assert.Equal(Enumerable.Range(0, rounds), back);
        Assert.True(elapsed > TimeSpan.Zero);
    }

    [Theory]
    [InlineData("process (braid child)")]
    [InlineData("process (native: true, cat)")]
    public void MemoryPerUnit_OfAProcess_IsItsResidentSet(string name)
    {
        var memory = Bounded.Run($"{name}: 3 parked", () => Unit(name).MemoryPerUnit(3));
        // Any running process maps at least its own code and a stack: far more than 64 KiB.
        Assert.InRange(memory.BytesPerUnit, 64 * 1024, 4L << 30);
        Assert.NotNull(memory.ProportionalBytesPerUnit);
        Assert.True(memory.ProportionalBytesPerUnit <= memory.BytesPerUnit);
    }

    [Theory]
    [InlineData("OS thread")]
    [InlineData("thread-pool work item")]
    [InlineData("Task (async)")]
    [InlineData("Braid coroutine")]
    public void MemoryPerUnit_InProcess_IsReportedWithItsMethod(string name)
    {
        var memory = Bounded.Run($"{name}: 20 parked", () => Unit(name).MemoryPerUnit(20));
        Assert.False(double.IsNaN(memory.BytesPerUnit));
        Assert.Contains(memory.Method, new[] { "RSS delta", "allocated bytes" });
        if (memory.Method == "allocated bytes") Assert.True(memory.BytesPerUnit > 0, "queuing or parking work allocates");
    }

    [Fact]
    public void PendingUnits_AreListed_NotFaked()
    {
        Assert.Contains(ConcurrencyUnits.Pending, p => p.Name == "Braid green thread" && p.Reason.StartsWith("pending"));
        Assert.Contains(ConcurrencyUnits.All(TestChild.Launcher), u => u.Name == "Braid coroutine");
        Assert.DoesNotContain(ConcurrencyUnits.All(TestChild.Launcher), u => ConcurrencyUnits.Pending.Any(p => p.Name == u.Name));
    }
}
