using Braid.Overheads.Transports;
using Braid.Overheads.Units;
using Braid.Reporting;
using Braid.Reporting.Bench;

namespace Braid.Overheads.Suite;

/// <summary>
/// What concurrency costs: every unit of concurrency created and joined, kept alive, and switched between; every
/// transport's throughput; the peers (Python, Go) beside them. Figures go into <see cref="BenchResults"/> and
/// <see cref="OverheadsData"/> (for plots).
/// </summary>
public static class OverheadsSuite
{
    /// <summary>Runs the suite; <paramref name="progress"/> hears what is being measured.</summary>
    public static (BenchResults Results, OverheadsData Data) Run(OverheadsOptions options, IProgressReporter? progress = null)
    {
        progress ??= ProgressReporter.None;
        var units = ConcurrencyUnits.All(options.Child);
        var steps = units.Count + Transport.All.Count + (options.Peers ? 1 : 0);
        var step = 0;
        var results = new BenchResults("overheads");
        var data = new OverheadsData();
        foreach (var unit in units)
        {
            progress.Report($"{unit.Name}: create+join, memory, switch", ProgressReporter.Fraction(step++, steps));
            MeasureUnit(unit, options, results, data);
        }
        foreach (var (name, reason) in ConcurrencyUnits.Pending)
        {
            data.Pending.Add((name, reason));
            results.Notes.Add($"{name}: {reason}");
        }
        foreach (var transport in Transport.All)
        {
            progress.Report($"{transport.Label}: small messages, large blocks", ProgressReporter.Fraction(step++, steps));
            MeasureTransport(transport, options, results, data);
        }
        if (options.Peers)
        {
            progress.Report("peers (Python, Go)", ProgressReporter.Fraction(step, steps));
            PeerOverheads.Run(options.Quick, results, data);
        }
        AddRatios(results, data);
        return (results, data);
    }

    /// <summary>Measures one unit into <paramref name="results"/> and <paramref name="data"/>; throws when the unit does not do its work.</summary>
    internal static void MeasureUnit(IConcurrencyUnit unit, OverheadsOptions options, BenchResults results, OverheadsData data)
    {
        // Warm up: JIT, the thread pool's threads, the child's files in the page cache. In-process units run until
        // tiered compilation has optimised their code, as the runtime benchmark does: sub-microsecond figures taken
        // on tier-0 code would compare the JIT's progress, not the units. The warm-up ping-pong also checks that every
        // message comes back, in order: a figure for switches that lost messages would be a figure for nothing.
        unit.CreateJoin(Math.Min(10, unit.MaxUnits(options.Quick)));
        var back = new List<int>();
        unit.PingPong(10, back.Add);
        if (!back.SequenceEqual(Enumerable.Range(0, 10)))
        {
            throw new InvalidOperationException($"{unit.Name}: the ping-pong's messages 0..9 came back as [{string.Join(", ", back)}]");
        }
        if (!IsProcess(unit))
        {
            Braid.Benchmarks.Measure.WarmUp(TimeSpan.FromSeconds(0.3), () =>
            {
                unit.CreateJoin(Math.Min(100, unit.MaxUnits(options.Quick)));
                unit.PingPong(1000);
            });
        }

        var points = new List<(int, double)>();
        foreach (var n in options.Scales.Where(n => n <= unit.MaxUnits(options.Quick)))
        {
            var best = TimeSpan.MaxValue;
            for (var repeat = 0; repeat < (IsProcess(unit) ? 1 : Repeats); repeat++)
            {
                var run = unit.CreateJoin(n);
                if (run.Completed != n) throw new InvalidOperationException($"{unit.Name}: {run.Completed} of {n} units completed");
                if (run.Elapsed < best) best = run.Elapsed;
            }
            var perUnit = best.TotalMicroseconds / n;
            results.Add($"create+join, n={n}", unit.Name, perUnit, "µs/unit");
            points.Add((n, perUnit));
        }
        data.CreateJoin.Add(new(unit.Name, points));

        var alive = Math.Min(options.MemoryUnits, unit.MaxUnits(options.Quick));
        var memory = unit.MemoryPerUnit(alive);
        results.Add($"memory per unit ({memory.Method}, n={alive})", unit.Name, memory.BytesPerUnit, "B/unit");
        data.Memory.Add(new(unit.Name, memory.BytesPerUnit, memory.Method));
        if (memory.ProportionalBytesPerUnit is { } pss)
        {
            results.Add($"memory per unit (child PSS, n={alive})", unit.Name, pss, "B/unit");
        }

        var rounds = IsProcess(unit) ? options.ProcessRounds : options.InProcessRounds;
        var perSwitch = Enumerable.Range(0, Repeats).Min(_ => unit.PingPong(rounds)).TotalMicroseconds / (2.0 * rounds);
        results.Add("switch (ping-pong)", unit.Name, perSwitch, "µs/switch");
        data.Switch.Add(new(unit.Name, perSwitch, IsProcess(unit) ? "pipes" : "events/awaits"));
    }

    /// <summary>
    /// Runs of each cheap measurement; the fastest counts. The machine is shared: a slower run was disturbed by
    /// something else, never helped by it.
    /// </summary>
    private const int Repeats = 3;

    private static bool IsProcess(IConcurrencyUnit unit) => unit is BraidChildProcessUnit or NativeChildProcessUnit;

    private static void MeasureTransport(Transport transport, OverheadsOptions options, BenchResults results, OverheadsData data)
    {
        var smalls = Enumerable.Range(0, 2).Select(_ => transport.Transfer(options.Child, options.SmallMessage, options.SmallMessage * options.SmallMessages)).ToList();
        var larges = Enumerable.Range(0, 2).Select(_ => transport.Transfer(options.Child, options.Block, options.BlockBytes)).ToList();
        var small = smalls.MinBy(r => r.Elapsed)!;
        var large = larges.MinBy(r => r.Elapsed)!;
        results.Add($"messages of {options.SmallMessage} B", transport.Label, small.MessagesPerSecond, "msg/s");
        results.Add($"blocks of {options.Block / 1024} KiB", transport.Label, large.MegabytesPerSecond, "MB/s");
        var intact = smalls.Concat(larges).All(r => r.Intact);
        if (!intact) results.Notes.Add($"{transport.Label}: the data did NOT arrive intact");
        data.Transports.Add(new(transport.Label, small.MessagesPerSecond, large.MegabytesPerSecond, intact));
    }

    private static void AddRatios(BenchResults results, OverheadsData data)
    {
        double? Largest(string subject, int atMost) =>
            data.CreateJoin.FirstOrDefault(s => s.Subject == subject)?.Points.LastOrDefault(p => p.Units <= atMost) is { Units: > 0 } p ? p.MicrosPerUnit : null;
        double? Of(List<SubjectFigure> list, string subject) => list.FirstOrDefault(f => f.Subject == subject)?.Value;

        void Ratio(string name, double? slow, double? fast, string meaning)
        {
            if (slow is { } s && fast is { } f && f > 0) results.AddRatio(name, s / f, null, meaning);
        }

        var braidChild = BraidChildProcessUnit.UnitName;
        var native = new NativeChildProcessUnit().Name;
        var thread = new OsThreadUnit().Name;
        var task = new TaskUnit().Name;
        Ratio("create+join: braid child / OS thread", Largest(braidChild, 10), Largest(thread, 10), "how much dearer a .NET process is than a thread to start and join (n=10)");
        Ratio("create+join: native process / OS thread", Largest(native, 100), Largest(thread, 100), "a minimal process against a thread (n=100)");
        Ratio("create+join: OS thread / Task", Largest(thread, 1000), Largest(task, 1000), "a thread against a task (n=1000)");
        Ratio("memory: braid child / OS thread", Of(data.Memory, braidChild), Of(data.Memory, thread), "resident memory of a .NET process against a thread's");
        Ratio("memory: OS thread / Task", Of(data.Memory, thread), Of(data.Memory, task), "a thread's resident memory against a parked task's allocation");
        Ratio("switch: process (pipes) / OS thread", Of(data.Switch, native), Of(data.Switch, thread), "a wake-up through pipes between processes against events between threads");
        Ratio("switch: OS thread / Task", Of(data.Switch, thread), Of(data.Switch, task), "an event wake-up between threads against an await between tasks");
        var pipe = data.Transports.FirstOrDefault(t => t.Transport == new PipeTransport().Label);
        var shm = data.Transports.FirstOrDefault(t => t.Transport == new SharedMemoryTransport().Label);
        Ratio("MB/s: shared memory / pipe", shm?.MegabytesPerSecond, pipe?.MegabytesPerSecond, "large blocks through a mapped ring against a pipe");
        Ratio("msg/s: shared memory / pipe", shm?.MessagesPerSecond, pipe?.MessagesPerSecond, "small messages: no system call per message");
    }
}
