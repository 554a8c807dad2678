namespace Braid;

/// <summary>
/// A strand that runs one callback of plain Task code (an await's continuation, a task queued to the loop's scheduler,
/// a TimeProvider timer) in one turn. Making each callback a strand puts it in the run queue beside the coroutines, so
/// the seeded scheduler and the explorer's strategies choose the order of Task code exactly as they do for strands.
/// </summary>
internal sealed class CallbackStrand : Strand
{
    private Action? _run;

    public CallbackStrand(in SpawnRequest request, Action run)
        : base(request) => _run = run;

    internal override void Start()
    {
        var run = _run!;
        _run = null;
        Exception? error = null;
        try
        {
            run();
        }
        catch (Exception e)
        {
            error = e; // an async void method's failure lands here (its builder rethrows through the context)
        }
        Finish(error);
    }
}
