namespace Braid.Testing;

/// <summary>Asks a strategy at each choice point and writes the choice down: the schedule of the run.</summary>
internal sealed class RecordingChooser(IStrategy strategy, int maxSteps) : IScheduleChooser
{
    public List<int> Choices { get; } = new();

    public int Choose(IReadOnlyList<Strand> runnable)
    {
        if (Choices.Count >= maxSteps) throw new ViolationException("progress: no livelock", $"the run was still going after {maxSteps} choice points");
        var choice = strategy.NextChoice(runnable, Choices.Count);
        if ((uint)choice >= (uint)runnable.Count) throw new InvalidOperationException($"{strategy.Name} chose {choice} of {runnable.Count} runnable strands.");
        Choices.Add(choice);
        return choice;
    }
}

/// <summary>
/// Replays a schedule's choices (0 past its end) and records what it actually chose. Strict, a choice that names no
/// runnable strand is a <see cref="ScheduleMismatchException"/>; lenient (while shrinking), it is clamped.
/// </summary>
internal sealed class ReplayChooser(IReadOnlyList<int> choices, bool strict) : IScheduleChooser
{
    public List<int> Taken { get; } = new();

    public int Choose(IReadOnlyList<Strand> runnable)
    {
        var step = Taken.Count;
        var choice = step < choices.Count ? choices[step] : 0;
        if (choice >= runnable.Count)
        {
            if (strict) throw new ScheduleMismatchException($"the schedule does not fit: choice {step} is {choice}, but only {runnable.Count} strands are runnable there");
            choice = runnable.Count - 1;
        }
        Taken.Add(choice);
        return choice;
    }
}
