namespace Braid.Testing;

/// <summary>A safety or progress rule broken by a run: the explorer reports the rule by name and shrinks the schedule that broke it.</summary>
/// <param name="rule">The rule broken.</param>
/// <param name="detail">What happened that breaks it.</param>
/// <param name="step">The step of the recorded interleaving where it broke, when known.</param>
public sealed class ViolationException(string rule, string detail, int? step = null) : Exception($"{rule}: {detail}")
{
    /// <summary>The step of the recorded interleaving (<see cref="TraceEvent.Step"/>) where the rule broke, or null.</summary>
    public int? Step { get; } = step;

    /// <summary>The rule, as the checker states it ("no philosopher eats beside an eating neighbour").</summary>
    public string Rule { get; } = rule;

    /// <summary>What happened that breaks it.</summary>
    public string Detail { get; } = detail;

    /// <summary>The rule a failure broke: a violation's rule, "progress: no deadlock" for a deadlock, else the exception's type.</summary>
    public static string RuleOf(Exception failure) => failure switch
    {
        ViolationException v => v.Rule,
        DeadlockException => "progress: no deadlock",
        AggregateException { InnerExceptions.Count: > 0 } a => RuleOf(a.InnerExceptions.FirstOrDefault(e => e is ViolationException) ?? a.InnerExceptions[0]),
        _ when failure.InnerException is ViolationException inner => inner.Rule,
        _ => failure.GetType().Name,
    };

    /// <summary>The violation inside a failure (itself, or the first one a task group collected), or null.</summary>
    public static ViolationException? Find(Exception? failure) => failure switch
    {
        ViolationException v => v,
        AggregateException a => a.InnerExceptions.Select(Find).FirstOrDefault(v => v is not null),
        _ => failure?.InnerException is { } inner ? Find(inner) : null,
    };
}
