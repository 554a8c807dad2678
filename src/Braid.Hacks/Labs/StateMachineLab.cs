using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace Braid.Hacks.Labs;

/// <summary>
/// What the compiler makes of an async method, read from the real generated code: the state-machine type it emits
/// (named by the method's [AsyncStateMachine] attribute), its fields, the IL of its MoveNext (walked opcode by
/// opcode: the switch on the state, the awaiter calls), and the state machine's fields read through reflection at
/// every suspension, while a driver resumes it by hand.
/// </summary>
internal sealed class StateMachineLab : IHackLab
{
    public string Name => "state-machine";

    public string Summary => "what the compiler makes of an async method: the generated state machine's fields, MoveNext's IL, its states";

    /// <summary>The method taken apart: two awaits, one of them in a loop, and two locals that live across them.</summary>
    internal static async Task<int> Sample(Stepper step)
    {
        var total = 0;
        for (var i = 1; i <= 2; i++)
        {
            await step.Pause();
            total += i;
        }
        await step.Pause();
        return total * 10;
    }

    public LabResult Run()
    {
        var lines = new List<string>();
        var anatomy = Anatomy.Of(typeof(StateMachineLab).GetMethod(nameof(Sample), BindingFlags.NonPublic | BindingFlags.Static)!);
        lines.Add($"Sample(Stepper) compiles to {anatomy.TypeName}, a {(anatomy.IsStruct ? "struct" : "class")} implementing IAsyncStateMachine" +
                  (anatomy.IsStruct ? " (a struct in Release builds: it is boxed onto the heap only at the first await that does not complete)" : "") + ". Its fields:");
        lines.AddRange(anatomy.Fields.Select(f => $"  {f.Name}: {f.Type}  ({Explain(f.Name)})"));
        lines.Add($"MoveNext is {anatomy.IlBytes} bytes of IL, {anatomy.Opcodes} opcodes. It dispatches on <>1__state " +
                  (anatomy.SwitchCases > 0 ? $"with an IL switch of {anatomy.SwitchCases} cases" : "by compare-and-branch (two resume points are too few for an IL switch)") +
                  $"; the values it stores into <>1__state: {string.Join(", ", anatomy.StatesStored)} (one per await site, -1 while running, -2 when done).");
        lines.Add($"Its calls: {string.Join(", ", anatomy.Calls.Select(c => $"{c.Key} x{c.Value}"))}: per await, GetAwaiter, IsCompleted, then " +
                  "AwaitOnCompleted (suspend) or straight on, and GetResult; SetResult or SetException at the end.");
        var stepper = new Stepper();
        var task = Sample(stepper);
        lines.Add("Driving it by hand (each Pause suspends; the driver calls the continuation, which is the box's MoveNext):");
        while (stepper.TryResume(out var snapshot)) lines.Add("  suspended: " + snapshot);
        lines.Add($"  finished: the task's result is {task.Result} (state -2 means done)");
        return new LabResult($"{anatomy.TypeName}: {anatomy.Fields.Count} fields, {anatomy.StatesStored.Count(s => s >= 0)} resume points, {anatomy.IlBytes} bytes of IL", lines);
    }

    private static string Explain(string field) => field switch
    {
        "<>1__state" => "where to resume: -1 running, 0..n-1 the await it stopped at, -2 finished",
        "<>t__builder" => "builds the Task the caller holds; SetResult completes it",
        _ when field.StartsWith("<>u__", StringComparison.Ordinal) => "an awaiter, kept while suspended",
        _ when field.Contains(">5__", StringComparison.Ordinal) => "a local that lives across an await, hoisted into a field",
        _ when !field.StartsWith('<') => "a parameter, copied in",
        _ => "compiler temporary",
    };
}

/// <summary>Hands out suspensions and resumes them one by one, snapshotting the state machine at each.</summary>
internal sealed class Stepper
{
    private readonly Queue<(Action Resume, string Snapshot)> _suspended = new();

    public PauseAwaitable Pause() => new(this);

    internal void Suspend(Action continuation) => _suspended.Enqueue((continuation, Snapshot(continuation)));

    public bool TryResume(out string snapshot)
    {
        if (!_suspended.TryDequeue(out var next))
        {
            snapshot = "";
            return false;
        }
        snapshot = next.Snapshot;
        next.Resume();
        return true;
    }

    /// <summary>The continuation is the box's MoveNext: its target holds the state machine, whose fields we read.</summary>
    private static string Snapshot(Action continuation)
    {
        var box = continuation.Target;
        var machine = box?.GetType().GetField("StateMachine", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)?.GetValue(box);
        if (machine is null) return "(the continuation is wrapped: a debugger or tracing is on; no state to read)";
        var fields = machine.GetType().GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(f => f.Name == "<>1__state" || f.Name.Contains(">5__", StringComparison.Ordinal))
            .Select(f => $"{f.Name} = {f.GetValue(machine)}");
        return string.Join(", ", fields);
    }
}

/// <summary>The awaitable of <see cref="Stepper.Pause"/>: never complete, so every await suspends.</summary>
internal readonly struct PauseAwaitable(Stepper stepper) : INotifyCompletion
{
    public PauseAwaitable GetAwaiter() => this;

    public bool IsCompleted => false;

    public void OnCompleted(Action continuation) => stepper.Suspend(continuation);

    public void GetResult()
    {
    }
}

/// <summary>A generated state machine, taken apart by reflection.</summary>
internal sealed record Anatomy(string TypeName, bool IsStruct, IReadOnlyList<(string Name, string Type)> Fields, int IlBytes, int Opcodes, int SwitchCases,
    IReadOnlyList<int> StatesStored, IReadOnlyDictionary<string, int> Calls)
{
    private static readonly Dictionary<short, OpCode> Codes = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    private static readonly string[] Interesting = ["GetAwaiter", "get_IsCompleted", "AwaitOnCompleted", "AwaitUnsafeOnCompleted", "GetResult", "SetResult", "SetException"];

    public static Anatomy Of(MethodInfo asyncMethod)
    {
        var type = asyncMethod.GetCustomAttribute<AsyncStateMachineAttribute>()!.StateMachineType;
        var fields = type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Select(f => (f.Name, Display(f.FieldType))).ToList();
        var moveNext = type.GetMethod("MoveNext", BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance)!;
        var il = moveNext.GetMethodBody()!.GetILAsByteArray()!;
        var (opcodes, cases, states, calls) = Walk(il, type.Module);
        return new Anatomy(type.Name, type.IsValueType, fields, il.Length, opcodes, cases, states, calls);
    }

    private static string Display(Type t) => t.IsGenericType ? $"{t.Name[..t.Name.IndexOf('`')]}<{string.Join(", ", t.GetGenericArguments().Select(Display))}>" : t.Name;

    /// <summary>Walks IL opcode by opcode (the operand sizes come from each opcode's operand type).</summary>
    private static (int Opcodes, int SwitchCases, List<int> StatesStored, Dictionary<string, int> Calls) Walk(byte[] il, Module module)
    {
        var (count, cases, calls) = (0, 0, new Dictionary<string, int>());
        var states = new SortedSet<int>();
        int? pending = null; // the int constant on top of the stack, if the last opcodes loaded one
        for (var i = 0; i < il.Length; count++)
        {
            short value = il[i++];
            if (value == 0xFE) value = (short)(0xFE00 | il[i++]);
            var op = Codes[value];
            var operand = i;
            i += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, operand),
                _ => 4,
            };
            if (op == OpCodes.Switch) cases = Math.Max(cases, BitConverter.ToInt32(il, operand));
            // A state store is `ldc.i4 N; dup; stloc; stfld <>1__state` or `ldc.i4 N; stfld <>1__state`: track the constant on top.
            if (op == OpCodes.Stfld && pending is { } n && ResolveField(module, BitConverter.ToInt32(il, operand)) == "<>1__state") states.Add(n);
            pending = Constant(op, il, operand) ?? (op == OpCodes.Dup || op.Name!.StartsWith("stloc", StringComparison.Ordinal) ? pending : null);
            if (op.OperandType == OperandType.InlineMethod && Resolve(module, BitConverter.ToInt32(il, operand)) is { } name && Interesting.Contains(name))
            {
                calls[name] = calls.GetValueOrDefault(name) + 1;
            }
        }
        return (count, cases, [.. states], calls);
    }

    private static int? Constant(OpCode op, byte[] il, int operand) => op.Value switch
    {
        >= 0x16 and <= 0x1E => op.Value - 0x16, // ldc.i4.0 .. ldc.i4.8
        0x15 => -1, // ldc.i4.m1
        0x1F => (sbyte)il[operand], // ldc.i4.s
        0x20 => BitConverter.ToInt32(il, operand), // ldc.i4
        _ => null,
    };

    private static string? ResolveField(Module module, int token)
    {
        try
        {
            return module.ResolveField(token)?.Name;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string? Resolve(Module module, int token)
    {
        try
        {
            return module.ResolveMethod(token)?.Name;
        }
        catch (ArgumentException)
        {
            return null; // a token needing a generic context this walk does not have
        }
    }
}
