using Braid.Overheads.Units;
using Braid.Reporting;
using Braid.Reporting.Tour;

namespace Braid.Gevent;

/// <summary>
/// The tour's gevent section: three green threads run the same blocking code (work, Thread.Sleep, work...) once
/// monkey-patched and once not; the loop clock, a ticker's longest stall and a timeline of whose turn it was tell
/// the difference. Then what a green thread costs against a coroutine.
/// </summary>
public sealed class GeventTourSection : ITourSection
{
    private const int Workers = 3;
    private const int Steps = 4;
    private const int SleepMs = 50;

    /// <inheritdoc />
    public string Id => "gevent";

    /// <inheritdoc />
    public string Title => "gevent for .NET: green threads and monkey patching";

    /// <summary>What one run of the blocking workers saw.</summary>
    /// <param name="Elapsed">Loop-clock time until every worker finished.</param>
    /// <param name="LongestStall">The ticker's longest gap between two 5 ms ticks: how long nothing else could run.</param>
    /// <param name="Timeline">Who took each turn, in order.</param>
    public sealed record Outcome(TimeSpan Elapsed, TimeSpan LongestStall, IReadOnlyList<LaneEvent> Timeline);

    /// <summary>Runs <see cref="Workers"/> green threads of blocking code, with <paramref name="sleep"/> as their Thread.Sleep, beside a ticker.</summary>
    public static Outcome RunWorkers(Action<int> sleep)
    {
        ArgumentNullException.ThrowIfNull(sleep);
        var timeline = new List<LaneEvent>();
        var stall = TimeSpan.Zero;
        var elapsed = TimeSpan.Zero;
        Green.Run(() =>
        {
            var done = false;
            var ticker = Green.Spawn(() =>
            {
                var last = Loop.Now;
                while (!done)
                {
                    Green.Sleep(TimeSpan.FromMilliseconds(5));
                    if (Loop.Now - last > stall) stall = Loop.Now - last;
                    last = Loop.Now;
                }
            }, "ticker");
            var workers = Enumerable.Range(0, Workers).Select(w => Green.Spawn(() =>
            {
                for (var step = 0; step < Steps; step++)
                {
                    timeline.Add(new LaneEvent($"green {w}", timeline.Count, $"step {step}"));
                    sleep(SleepMs); // plain blocking code: patched, or not
                }
            }, $"green {w}")).ToList();
            foreach (var worker in workers) Green.Join(worker);
            elapsed = Loop.Now;
            done = true;
            Green.Join(ticker);
        });
        return new(elapsed, stall, timeline);
    }

    /// <summary>Microseconds per switch between two green threads, and between two coroutines, over Braid channels (the overheads suite's ping-pong).</summary>
    public static (double Green, double Coroutine) SwitchMicros(int rounds) =>
        (new BraidGreenThreadUnit().PingPong(rounds).TotalMicroseconds / (2.0 * rounds),
         new BraidCoroutineUnit().PingPong(rounds).TotalMicroseconds / (2.0 * rounds));

    /// <inheritdoc />
    public Task<Section> RunAsync(TourContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Progress.Report("green threads running blocking code, patched and unpatched");
        var section = new Section(Title).Text(
            "gevent makes blocking code concurrent without rewriting it: greenlets take turns on one hub, and monkey " +
            "patching turns the standard library's blocking calls into 'register interest, switch to the hub'. Braid's " +
            "green threads are strands of the loop whose blocking-style bodies run on OS threads of their own, handed " +
            "the loop's baton (the CLR cannot switch stacks); with <BraidMonkeyPatch>true</BraidMonkeyPatch> a source " +
            "generator intercepts the project's Thread.Sleep, socket, SemaphoreSlim... calls and sends them to Braid's " +
            $"cooperative versions on green threads. Below, {Workers} green threads run {Steps} steps of " +
            $"`work; Thread.Sleep({SleepMs})` beside a ticker that wakes every 5 ms: once as compiled in this project " +
            "(patched), once through a delegate (as code in another assembly would call it: unpatched).");

        Action<int> unpatchedSleep = Thread.Sleep; // a method group: no call site for the generator to intercept
        var patched = RunWorkers(ms => Thread.Sleep(ms));
        var unpatched = RunWorkers(unpatchedSleep);
        section.Table(["Thread.Sleep", "loop-clock time for all", "ticker's longest stall", "what happened"],
            [
                ["patched (this project)", $"{patched.Elapsed.TotalMilliseconds:0} ms", $"{patched.LongestStall.TotalMilliseconds:0} ms", "each sleep parks its green thread; the others and the ticker run"],
                ["unpatched (another assembly)", $"{unpatched.Elapsed.TotalMilliseconds:0} ms", $"{unpatched.LongestStall.TotalMilliseconds:0} ms", "each sleep blocks the OS thread holding the baton: the whole loop stops"],
            ]);
        section.Figure(LaneChart.Save(context.PlotPath(Id, "patched"), "Patched: green threads take turns at each Thread.Sleep", patched.Timeline),
                "Patched: the green threads interleave, one step each in turn, while the others sleep.")
            .Figure(LaneChart.Save(context.PlotPath(Id, "unpatched"), "Unpatched: one green thread holds the loop through its sleeps", unpatched.Timeline),
                "Unpatched: each green thread runs all its steps (and sleeps) before the next gets a turn.");

        var rounds = context.Quick ? 2_000 : 20_000;
        var (greenSwitch, coroutineSwitch) = SwitchMicros(rounds);
        section.Table(["unit", "switch (µs, channel ping-pong)"],
            [
                ["Braid green thread (OS thread + baton)", $"{greenSwitch:0.00}"],
                ["Braid coroutine", $"{coroutineSwitch:0.000}"],
                ["greenlet (stack switch, measured by braid bench overheads)", "about 0.11-0.34"],
            ])
            .Text("The honest cost: a green-thread switch is an OS thread hand-off (a semaphore release and a wait, twice: " +
                  "body to loop, loop to the next body), so it costs what an OS thread switch costs, tens of times a " +
                  "greenlet's stack switch; each parked green thread keeps an OS thread and its stack (256 KiB reserved, " +
                  "a few KiB resident). Cannot be patched: code in other assemblies (the BCL's StreamReader.ReadLine over a " +
                  "socket, a NuGet client), the lock statement and Monitor.Wait (the monitor belongs to the OS thread); " +
                  "the analyzer (BRAID100) warns at each such call in a patched project. `braid bench echo` runs the " +
                  "gevent-style echo server (--server green) beside gevent's.")
            .Headline("green thread switch", $"{greenSwitch:0.00} µs")
            .Headline("unpatched Thread.Sleep stalls the loop for", $"{unpatched.LongestStall.TotalMilliseconds:0} ms");
        return Task.FromResult(section);
    }
}
