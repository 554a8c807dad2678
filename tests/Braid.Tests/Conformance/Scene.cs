using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Braid.Tests.Conformance;

/// <summary>Where a check's contenders run: strands of one Braid loop, or OS threads.</summary>
public enum Family
{
    /// <summary>Strands of one loop in deterministic mode, under every seed of <see cref="Seeds"/>.</summary>
    Coroutines,

    /// <summary>One OS thread per contender, with explicit synchronisation and bounded waits.</summary>
    Threads,
}

/// <summary>
/// One operation a check awaits, written once for both families: on a loop, a coroutine the contender's strand
/// awaits; on a thread, a blocking call the contender's thread makes. A check is a flat <c>async Task</c> method
/// that awaits only steps (never a Task): on a loop its contender's strand drives it step by step; on a thread
/// each step runs inside its await, so the check runs straight through on the contender's thread.
/// </summary>
public class Step
{
    private readonly Func<Coroutine>? _onLoop;
    private readonly Action? _onThread;

    /// <summary>A step for one family; <paramref name="mayBlock"/> marks a wait at the primitive under test.</summary>
    public Step(Func<Coroutine>? onLoop, Action? onThread, bool mayBlock)
    {
        _onLoop = onLoop;
        _onThread = onThread;
        MayBlock = mayBlock;
    }

    /// <summary>A wait at the primitive under test: a contender parked or blocked in it counts in <see cref="Scene.Blocked"/>.</summary>
    public bool MayBlock { get; }

    /// <summary>What the operation threw, delivered to the check when it resumes.</summary>
    internal ExceptionDispatchInfo? Error { get; set; }

    internal Coroutine RunOnLoop() => (_onLoop ?? throw new InvalidOperationException("this step has no coroutine form: a thread primitive was used on a loop"))();

    internal void RunOnThread() => (_onThread ?? throw new InvalidOperationException("this step has no thread form: a coroutine primitive was used on a thread"))();

    /// <summary>Gets the awaiter; used by <c>await</c>.</summary>
    public Awaiter GetAwaiter() => new(this);

    /// <summary>Hands the step to the contender that runs the check; the check resumes when the step is done.</summary>
    public readonly struct Awaiter(Step step) : INotifyCompletion
    {
        /// <summary>True once run, on a thread; false on a loop, where the contender's driver runs the step.</summary>
        public bool IsCompleted => Contender.Current.RanInline(step);

        /// <inheritdoc />
        public void OnCompleted(Action continuation) => Contender.Current.Suspend(step, continuation);

        /// <summary>Rethrows what the operation threw.</summary>
        public void GetResult() => step.Error?.Throw();
    }
}

/// <summary>A step with a result (a receive).</summary>
public sealed class Step<T> : Step
{
    private T _result = default!;

    /// <summary>A step whose operation returns a value, on a loop or on a thread.</summary>
    public Step(Func<Coroutine<T>>? onLoop, Func<T>? onThread, bool mayBlock)
        : this(new Box(), onLoop, onThread, mayBlock)
    {
    }

    private Step(Box box, Func<Coroutine<T>>? onLoop, Func<T>? onThread, bool mayBlock)
        : base(
            onLoop is null ? null : async () => box.Step!._result = await onLoop(),
            onThread is null ? null : () => box.Step!._result = onThread(),
            mayBlock)
    {
        box.Step = this;
    }

    /// <summary>Gets the awaiter; used by <c>await</c>.</summary>
    public new Awaiter GetAwaiter() => new(this);

    private sealed class Box
    {
        public Step<T>? Step;
    }

    /// <summary>Hands the step to the contender; returns the operation's result.</summary>
    public new readonly struct Awaiter(Step<T> step) : INotifyCompletion
    {
        /// <summary>True once run, on a thread; false on a loop, where the contender's driver runs the step.</summary>
        public bool IsCompleted => Contender.Current.RanInline(step);

        /// <inheritdoc />
        public void OnCompleted(Action continuation) => Contender.Current.Suspend(step, continuation);

        /// <summary>Rethrows what the operation threw, or returns its result.</summary>
        public T GetResult()
        {
            step.Error?.Throw();
            return step._result;
        }
    }
}

/// <summary>
/// The stage a check runs on: it starts contenders, waits (bounded) for what they do, and sees which of them are
/// blocked in the primitive under test. The same check code runs on a loop (<see cref="Family.Coroutines"/>) and on
/// threads (<see cref="Family.Threads"/>).
/// </summary>
public abstract class Scene
{
    private protected readonly List<Contender> Contenders = [];

    /// <summary>Contenders started and not finished (the check's own body is not one).</summary>
    public int Running
    {
        get
        {
            lock (Contenders) return Contenders.Count(c => !c.Finished);
        }
    }

    /// <summary>Contenders parked (on a loop) or blocked (on a thread) inside a waiting step of the primitive under test.</summary>
    public int Blocked()
    {
        lock (Contenders) return Contenders.Count(c => c.InWaitingStep && IsWaiting(c));
    }

    /// <summary>Starts a contender running <paramref name="body"/>, concurrently with the caller.</summary>
    public abstract void Start(Func<Task> body);

    /// <summary>Lets the others run: a yield on a loop, <see cref="Thread.Yield"/> on a thread.</summary>
    public Step Pause() => new(async () => await Loop.Yield(), () => Thread.Yield(), mayBlock: false);

    /// <summary>
    /// Waits until <paramref name="condition"/> holds. Fails, naming <paramref name="what"/>, when no contender is
    /// left that could make it hold, or after a bound (10,000 yields on a loop, 10 s on threads) instead of hanging.
    /// </summary>
    public abstract Step Until(Func<bool> condition, string what);

    /// <summary>
    /// Waits until every contender started has finished: on a loop by joining their strands (a lost wake-up leaves
    /// nothing runnable, which the loop reports as a deadlock), on threads with a bounded wait that fails.
    /// </summary>
    public abstract Step AllFinished();

    private protected abstract bool IsWaiting(Contender c);

    private protected string Never(string what) =>
        $"never happened: {what} ({Running} contender(s) running, {Blocked()} blocked in the primitive)";

    /// <summary>Runs <paramref name="check"/> under every seed (coroutines) or <paramref name="threadRuns"/> times (threads).</summary>
    public static void Run(Family family, Func<Scene, Task> check, int seeds = Seeds.Count, int threadRuns = 10)
    {
        if (family == Family.Coroutines) LoopScene.Run(check, seeds);
        else ThreadScene.Run(check, threadRuns);
    }
}

/// <summary>One contender of a check: it runs the check's body step by step, on a strand or on a thread of its own.</summary>
public sealed class Contender
{
    [ThreadStatic]
    private static Contender? _current;

    private Step? _step;
    private Action? _continuation;

    internal static Contender Current =>
        _current ?? throw new InvalidOperationException("a Step was awaited outside a contender (a check may await only steps, not Tasks)");

    internal volatile bool Finished;
    internal volatile bool InWaitingStep;
    internal Strand? Strand;
    internal Thread? Thread;

    internal void Suspend(Step step, Action continuation)
    {
        _step = step;
        _continuation = continuation;
    }

    private Task Begin(Func<Task> body)
    {
        _current = this;
        try
        {
            return body();
        }
        finally
        {
            _current = null;
        }
    }

    private void Resume()
    {
        var continuation = _continuation!;
        _step = null;
        _continuation = null;
        _current = this;
        try
        {
            continuation();
        }
        finally
        {
            _current = null;
        }
    }

    /// <summary>On a loop: runs the check on this contender's strand, awaiting each step it hands over in turn.</summary>
    internal async Coroutine DriveOnLoop(Func<Task> body)
    {
        try
        {
            var check = Begin(body);
            while (!check.IsCompleted)
            {
                var step = _step ?? throw new InvalidOperationException(
                    $"the check awaited something that is not a Step (task {check.Status}): a check may await only steps");
                InWaitingStep = step.MayBlock;
                try
                {
                    await step.RunOnLoop();
                }
                catch (Exception e)
                {
                    step.Error = ExceptionDispatchInfo.Capture(e);
                }
                InWaitingStep = false;
                Resume();
            }
            check.GetAwaiter().GetResult();
        }
        finally
        {
            Finished = true;
        }
    }

    /// <summary>
    /// On a thread a step runs at once, inside its <c>await</c>, so the check runs through synchronously on the
    /// contender's thread; on a loop it is left to <see cref="DriveOnLoop"/>.
    /// </summary>
    internal bool RanInline(Step step)
    {
        if (Thread is null) return false;
        InWaitingStep = step.MayBlock;
        try
        {
            step.RunOnThread();
        }
        catch (Exception e)
        {
            step.Error = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            InWaitingStep = false;
        }
        return true;
    }

    /// <summary>On a thread: runs the check straight through on the calling thread.</summary>
    internal void DriveOnThread(Func<Task> body)
    {
        _current = this;
        try
        {
            var check = body();
            if (!check.IsCompleted) throw new InvalidOperationException("the check awaited something that is not a Step: a check may await only steps");
            check.GetAwaiter().GetResult();
        }
        finally
        {
            _current = null;
            Finished = true;
        }
    }
}

/// <summary>Contenders as strands of one loop, in a task group, in deterministic mode.</summary>
internal sealed class LoopScene(TaskGroup group) : Scene
{
    public static void Run(Func<Scene, Task> check, int seeds) => Seeds.Run(() => TaskGroup.RunAsync(group =>
    {
        var scene = new LoopScene(group);
        return new Contender { Strand = Loop.CurrentStrand }.DriveOnLoop(() => check(scene));
    }), seeds);

    public override void Start(Func<Task> body)
    {
        var contender = new Contender();
        lock (Contenders) Contenders.Add(contender);
        contender.Strand = group.Spawn(() => contender.DriveOnLoop(body), $"contender {Contenders.Count}");
    }

    private protected override bool IsWaiting(Contender c) => c.Strand!.State == StrandState.Parked;

    public override Step AllFinished() => new(async () =>
    {
        for (var i = 0; ; i++)
        {
            Strand[] strands;
            lock (Contenders) strands = Contenders.Select(c => c.Strand!).ToArray();
            if (i == strands.Length) break;
            await strands[i].Join();
        }
    }, null, mayBlock: false);

    public override Step Until(Func<bool> condition, string what) => new(async () =>
    {
        for (var i = 0; !condition(); i++)
        {
            if (Running == 0 && !condition()) Assert.Fail(Never(what) + "; no contender is left to make it happen");
            if (i > 10_000) Assert.Fail(Never(what) + " in 10,000 turns");
            await Loop.Yield();
        }
    }, null, mayBlock: false);
}

/// <summary>Contenders as OS threads (background, so a hung one cannot keep the test run alive).</summary>
internal sealed class ThreadScene : Scene
{
    /// <summary>How long a bounded wait on threads waits before it fails: far longer than any check takes.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    private readonly ConcurrentQueue<Exception> _failures = new();

    public static void Run(Func<Scene, Task> check, int runs)
    {
        for (var run = 0; run < runs; run++)
        {
            var scene = new ThreadScene();
            Exception? failure = null;
            try
            {
                new Contender { Thread = Thread.CurrentThread }.DriveOnThread(() => check(scene));
            }
            catch (Exception e)
            {
                failure = e;
            }
            // A contender's own failure comes first: the check's body only noticed it (or gave up waiting) later.
            var first = scene._failures.FirstOrDefault(e => e is not OtherContenderFailed) ?? failure;
            if (first is null && scene.Running > 0) first = new TimeoutException(scene.Never("every contender finished"));
            if (first is not null)
            {
                throw new Xunit.Sdk.XunitException($"thread run {run}: {first.GetType().Name}: {first.Message}{Environment.NewLine}{first.StackTrace}");
            }
        }
    }

    public override void Start(Func<Task> body)
    {
        var contender = new Contender();
        var thread = new Thread(() =>
        {
            try
            {
                contender.DriveOnThread(body);
            }
            catch (Exception e)
            {
                _failures.Enqueue(e);
            }
        }) { IsBackground = true };
        lock (Contenders)
        {
            contender.Thread = thread;
            Contenders.Add(contender);
            thread.Name = $"contender {Contenders.Count}";
        }
        thread.Start();
    }

    private protected override bool IsWaiting(Contender c) => (c.Thread!.ThreadState & System.Threading.ThreadState.WaitSleepJoin) != 0;

    public override Step AllFinished() => Until(() => Running == 0, "every contender finished");

    public override Step Until(Func<bool> condition, string what) => new(null, () =>
    {
        var clock = Stopwatch.StartNew();
        var spin = new SpinWait();
        while (!condition())
        {
            if (!_failures.IsEmpty) throw new OtherContenderFailed();
            if (Running == 0 && !condition()) Assert.Fail(Never(what) + "; no contender is left to make it happen");
            if (clock.Elapsed > Limit) Assert.Fail(Never(what) + $" within {Limit.TotalSeconds:0} s");
            spin.SpinOnce();
        }
    }, mayBlock: false);

    /// <summary>Another contender failed first; this one stops waiting for what it will never do.</summary>
    private sealed class OtherContenderFailed() : Exception("another contender failed first");
}
