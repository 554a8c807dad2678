using System.Diagnostics;
using System.Reflection;
using Braid.Hacks;
using Braid.Hacks.Labs;

namespace Braid.Hacks.Tests;

/// <summary>Each lab shows its point: these tests check the point, not the wording.</summary>
public class LabTests
{
    [Fact]
    public void Labs_HaveDistinctNames_AndFindFindsEach()
    {
        Assert.Equal(HackLabs.All.Count, HackLabs.All.Select(l => l.Name).Distinct().Count());
        foreach (var lab in HackLabs.All) Assert.Same(lab, HackLabs.Find(lab.Name));
        Assert.Null(HackLabs.Find("nosuch"));
    }

    [Fact]
    public void AwaitAnything_AwaitsATimeSpanOnTheLoopsClock()
    {
        var now = Loop.Run(async Task<TimeSpan> () =>
        {
            await TimeSpan.FromHours(1);
            return Loop.Now;
        }, RunOptions.Deterministic(1));
        Assert.Equal(TimeSpan.FromHours(1), now);
    }

    [Fact]
    public void AwaitAnything_ProcessChannelAndAHandWrittenAwaiter_InTheCompilersOrder()
    {
        var lines = new AwaitAnythingLab().Run().Lines;
        Assert.Contains(lines, l => l.EndsWith("exit code 3", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\"hello from a channel\"", StringComparison.Ordinal));
        var steps = lines.Select(l => l.TrimStart()).Where(l => l.Length > 2 && char.IsDigit(l[0]) && l[1] == '.').Select(l => l[0] - '0').ToList();
        Assert.Equal([1, 2, 3, 4, 5], steps);
    }

    [Fact]
    public void Generators_TakeTurns_AndASleeperWakesAtItsVirtualTime()
    {
        var s = new GeneratorScheduler();
        s.Spawn("ping", GeneratorsLab.PingPong(s, "ping", 2));
        s.Spawn("pong", GeneratorsLab.PingPong(s, "pong", 2));
        s.Spawn("sleeper", GeneratorsLab.Sleeper(s));
        s.Run();
        Assert.Equal(["t=0 ping 0", "t=0 pong 0", "t=0 sleeper: sleeping 5", "t=0 ping 1", "t=0 pong 1",
            "t=0 ping finished", "t=0 pong finished", "t=5 sleeper: awake", "t=5 sleeper finished"], s.Log);
    }

    [Fact]
    public void StateMachine_IsReadFromTheGeneratedCode()
    {
        var method = typeof(StateMachineLab).GetMethod(nameof(StateMachineLab.Sample), BindingFlags.NonPublic | BindingFlags.Static)!;
        var anatomy = Anatomy.Of(method);
        var optimized = typeof(StateMachineLab).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;
        Assert.StartsWith("<Sample>d__", anatomy.TypeName, StringComparison.Ordinal);
        Assert.Equal(optimized, anatomy.IsStruct); // a struct in Release, a class in Debug
        var fields = anatomy.Fields.Select(f => f.Name).ToList();
        Assert.Contains("<>1__state", fields);
        Assert.Contains("<>t__builder", fields);
        Assert.Contains(fields, f => f.StartsWith("<total>5__", StringComparison.Ordinal));
        Assert.Contains(fields, f => f.StartsWith("<i>5__", StringComparison.Ordinal));
        Assert.Equal([-2, -1, 0, 1], anatomy.StatesStored); // two await sites
        Assert.Equal(2, anatomy.Calls["GetResult"]);
    }

    [Fact]
    public async Task StateMachine_DrivenByHand_StopsAtEachAwaitWithItsHoistedLocals()
    {
        var stepper = new Stepper();
        var task = StateMachineLab.Sample(stepper);
        var seen = new List<string>();
        while (stepper.TryResume(out var snapshot)) seen.Add(snapshot);
        Assert.Equal(3, seen.Count);
        Assert.StartsWith("<>1__state = 0,", seen[0], StringComparison.Ordinal);
        Assert.StartsWith("<>1__state = 0,", seen[1], StringComparison.Ordinal);
        Assert.StartsWith("<>1__state = 1,", seen[2], StringComparison.Ordinal);
        Assert.True(task.IsCompletedSuccessfully);
        Assert.Equal(30, await task);
    }

    [Fact]
    public void ConfigureAwaitFalse_LeavesTheLoop_EvenForATaskTheLoopCompletes_AndIsCounted()
    {
        var o = ConfigureAwaitLab.Observe();
        Assert.True(o.PlainBackOnLoop);
        Assert.True(o.FalseOffLoop);
        Assert.True(o.FalseLoopTaskOffLoopToo);
        Assert.Equal(3, o.Escapes);
    }

    [Fact]
    public void AsyncVoid_EscapesTheCallersCatch_AndTheRunReportsIt()
    {
        var o = AsyncVoidLab.Observe();
        Assert.False(o.CaughtByCaller);
        Assert.True(o.CallerFinishedFirst);
        Assert.IsType<InvalidOperationException>(o.ReportedByRun);
    }

    [Fact]
    public void SyncOverAsync_DeadlocksAPlainContext_UntilTheThreadIsLetGo()
    {
        var (finished, after) = SyncOverAsyncLab.OnPlainContext(TimeSpan.FromMilliseconds(200));
        Assert.False(finished);
        Assert.Equal(42, after);
    }

    [Fact]
    public void SyncOverAsync_OnBraidsLoop_FailsWithAMessage()
    {
        var (error, _) = SyncOverAsyncLab.OnBraidLoop();
        Assert.NotNull(error);
        Assert.Contains("Sync over async", error.Message);
    }

    [Fact]
    public void LostUpdate_SomeSeedsLoseOne_AndAFailingSeedReplays()
    {
        var counters = LostUpdateLab.Counters(20);
        Assert.Contains(1, counters);
        Assert.Contains(2, counters);
        var seed = Array.IndexOf(counters, 1);
        Assert.All(Enumerable.Range(0, 3), _ => Assert.Equal(1, Loop.Run(LostUpdateLab.TwoIncrements, RunOptions.Deterministic(seed))));
    }
}

/// <summary>The starvation lab blocks pool threads on purpose: it runs alone, so no other test's pool work is starved by it.</summary>
[CollectionDefinition(nameof(ThreadPoolAlone), DisableParallelization = true)]
public sealed class ThreadPoolAlone;

[Collection(nameof(ThreadPoolAlone))]
public class StarvationLabTests
{
    [Fact]
    public void Starvation_EveryBlockedItemStarts_AndThePoolGrewToRunThem()
    {
        var burst = StarvationLab.Measure(extra: 2, taskWait: false, cap: TimeSpan.FromSeconds(10));
        Assert.True(burst.AllStarted);
        Assert.Equal(burst.Items, burst.StartedMs.Count);
        Assert.True(burst.ThreadsAfter >= burst.Items, $"{burst.Items} items blocked at once need as many threads; the pool had {burst.ThreadsAfter}");
    }
}
