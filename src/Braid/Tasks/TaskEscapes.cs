using System.Runtime.CompilerServices;

namespace Braid;

/// <summary>
/// Continuations of plain Task code that came back to the loop from another thread: the code had left the loop
/// (Task.Run, ConfigureAwait(false), real I/O, a thread-pool timer such as Task.Delay without Braid's TimeProvider).
/// When such a continuation arrives depends on real time, not on the seed, so a deterministic run that has any fails
/// with <see cref="TaskEscapeException"/> (unless <see cref="RunOptions.AllowTaskEscapes"/>). Read it on the loop
/// with <see cref="Loop.TaskEscapes"/>.
/// </summary>
public sealed class TaskEscapes
{
    private readonly Dictionary<string, int> _byLocation = new(StringComparer.Ordinal);

    internal TaskEscapes()
    {
    }

    /// <summary>How many continuations came back from other threads.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Where they resumed, with how many each: the async method whose await completed off the loop (so the escape
    /// itself is at or below that await), or the kind of callback when no method is known.
    /// </summary>
    public IReadOnlyDictionary<string, int> ByLocation => _byLocation;

    internal void Record(string location)
    {
        Count++;
        _byLocation[location] = _byLocation.GetValueOrDefault(location) + 1;
    }

    /// <summary>One line: the count and the places.</summary>
    public override string ToString() => Count == 0
        ? "no continuation came back from another thread"
        : $"{Count} continuation{(Count == 1 ? "" : "s")} came back to the loop from other threads, resuming in " +
          string.Join(", ", _byLocation.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} (x{p.Value})"));

    /// <summary>
    /// Names the async method a continuation resumes: an await's continuation is the MoveNext of a box whose type
    /// arguments include the compiler's state machine (<c>&lt;Method&gt;d__N</c>, nested in the method's type).
    /// </summary>
    internal static string Locate(Delegate? callback, object? state)
    {
        var target = (state as Delegate)?.Target ?? callback?.Target;
        var machine = target?.GetType() is { } type
            ? (typeof(IAsyncStateMachine).IsAssignableFrom(type) ? type : type.GetGenericArguments().FirstOrDefault(typeof(IAsyncStateMachine).IsAssignableFrom))
            : null;
        if (machine is null) return callback is null ? "a task queued to the loop's TaskScheduler" : "a callback posted to the loop's SynchronizationContext";
        // <Method>d__N for a method, <<Method>b__N_M>d for a lambda in it (nested in a display class, <>c or <>c__DisplayClass).
        var name = machine.Name;
        var lambda = name.StartsWith("<<", StringComparison.Ordinal);
        var trimmed = name.TrimStart('<');
        var method = trimmed.IndexOf('>') is > 0 and var end ? trimmed[..end] : name;
        var owner = machine.DeclaringType;
        while (owner is { Name: ['<', ..], DeclaringType: not null }) owner = owner.DeclaringType;
        return $"{owner?.FullName?.Replace('+', '.') ?? "?"}.{method}{(lambda ? " (a lambda)" : "")}";
    }
}

/// <summary>
/// A deterministic run in which plain Task code left the loop: its interleaving depended on real time, so the seed
/// does not replay it. The message says how many continuations came back from other threads and where.
/// </summary>
public sealed class TaskEscapeException : Exception
{
    internal TaskEscapeException(TaskEscapes escapes, Exception? failure)
        : base($"Plain Task code escaped the Braid loop in a deterministic run, so the seed does not replay it: {escapes}. " +
               "Keep Task code on the loop (no Task.Run or ConfigureAwait(false); pass Loop.TimeProvider to Task.Delay, " +
               "CancelAfter and timeouts), or set RunOptions.AllowTaskEscapes." +
               (failure is null ? "" : " The run also failed: " + failure.Message), failure) => Escapes = escapes;

    /// <summary>The escapes found.</summary>
    public TaskEscapes Escapes { get; }
}
