namespace Braid;

/// <summary>
/// A region of a strand's code that can be cancelled as a whole, by <see cref="Cancel"/> or by a deadline (Trio's
/// cancel scopes). Scopes nest: cancelling one cancels everything inside it (strands running in it, strands spawned
/// into task groups inside it) except what a shielded scope protects. Cancellation arrives as <see cref="CancelledException"/>
/// at the next checkpoint; the cancelled scope itself catches it when the strand leaves the scope.
/// </summary>
public sealed class CancelScope
{
    // The parked strands whose innermost scope is this one, and the scopes nested directly in this one: the tree that
    // cancellation is delivered down. Only parked strands need to be found (a running or runnable strand meets its
    // cancellation at its next checkpoint by walking up from its scope), so a strand joins the list when it parks and
    // leaves it when it wakes; it knows its index here, so leaving is O(1).
    private readonly List<Strand> _parked = new();
    private readonly List<CancelScope> _children = new();
    private int _indexInParent = -1;
    private bool _shield;
    private long _deadline = long.MaxValue;
    private bool _entered;
    private bool _exited;
    private bool _timerArmed; // an entry for the current deadline sits in the loop's timers

    /// <summary>Creates a scope on the current loop; it takes effect when run with <see cref="RunAsync(Func{Coroutine})"/>.</summary>
    public CancelScope()
        : this(Braid.Kernel.Require())
    {
    }

    private CancelScope(Kernel kernel) => Kernel = kernel;

    internal static CancelScope CreateRoot(Kernel kernel) => new(kernel) { _entered = true };

    internal Kernel Kernel { get; }

    /// <summary>The task group whose scope this is, if any.</summary>
    internal TaskGroup? Group { get; init; }

    internal CancelScope? Parent { get; private set; }

    internal int DeadlineGeneration { get; private set; }

    internal bool IsActive => _entered && !_exited;

    /// <summary>True once <see cref="Cancel"/> was called or the deadline passed.</summary>
    public bool CancelCalled { get; private set; }

    /// <summary>True when this scope caught the <see cref="CancelledException"/> it caused (the body was cut short).</summary>
    public bool CancelledCaught { get; private set; }

    /// <summary>Shielded scopes keep out cancellation from outside them; their own cancel and deadline still work.</summary>
    public bool Shield
    {
        get => _shield;
        set
        {
            _shield = value;
            if (!value && IsActive && Parent is not null && PendingAbove(Parent) is not null) Deliver();
        }
    }

    /// <summary>When the scope cancels itself, on the loop clock (<see cref="Loop.Now"/>); null for never.</summary>
    public TimeSpan? Deadline
    {
        get => _deadline == long.MaxValue ? null : TimeSpan.FromTicks(_deadline);
        set
        {
            CheckLoop();
            _deadline = value?.Ticks ?? long.MaxValue;
            DeadlineGeneration++;
            DisarmTimer();
            if (IsActive && value is not null) ArmTimer();
        }
    }

    /// <summary>Cancels everything inside the scope: parked strands wake with <see cref="CancelledException"/>, running ones get it at their next checkpoint.</summary>
    public void Cancel()
    {
        CheckLoop();
        if (CancelCalled) return;
        CancelCalled = true;
        if (IsActive) Kernel.CountCancelledScope(1);
        Kernel.Listener?.OnCancel(this);
        if (IsActive) Deliver();
    }

    /// <summary>Runs <paramref name="body"/> inside the scope. Returns normally if the scope's own cancellation cut it short.</summary>
    public async Coroutine RunAsync(Func<Coroutine> body)
    {
        var strand = Kernel.CurrentOrThrow();
        Enter(strand);
        try
        {
            await body();
        }
        catch (CancelledException) when (CancelCalled)
        {
            CancelledCaught = true;
        }
        finally
        {
            Exit(strand);
        }
    }

    /// <summary>Runs <paramref name="body"/> inside the scope; returns its result, or default if the scope's cancellation cut it short.</summary>
    public async Coroutine<T?> RunAsync<T>(Func<Coroutine<T>> body)
    {
        var strand = Kernel.CurrentOrThrow();
        Enter(strand);
        try
        {
            return await body();
        }
        catch (CancelledException) when (CancelCalled)
        {
            CancelledCaught = true;
            return default;
        }
        finally
        {
            Exit(strand);
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        Parent is null ? "the loop's root scope" : $"cancel scope{(Deadline is { } d ? $" (deadline {d.TotalSeconds:0.###} s)" : "")}";

    /// <summary>The innermost cancelled scope that reaches <paramref name="strand"/>, or null: walk outwards, stopping at a shield.</summary>
    internal static CancelScope? PendingFor(Strand strand) => PendingAbove(strand.Scope);

    private static CancelScope? PendingAbove(CancelScope? scope)
    {
        for (; scope is not null; scope = scope.Parent)
        {
            if (scope.CancelCalled) return scope;
            if (scope._shield) return null;
        }
        return null;
    }

    internal void Enter(Strand strand)
    {
        if (_entered) throw new InvalidOperationException("A cancel scope can be entered only once.");
        if (strand.Kernel != Kernel) throw new InvalidOperationException("This cancel scope belongs to another loop.");
        _entered = true;
        Parent = strand.Scope;
        _indexInParent = Parent._children.Count;
        Parent._children.Add(this);
        strand.Scope = this;
        if (CancelCalled) Kernel.CountCancelledScope(1);
        if (_deadline != long.MaxValue) ArmTimer();
    }

    internal void Exit(Strand strand)
    {
        RemoveFrom(Parent!._children, this, _indexInParent, (s, i) => s._indexInParent = i);
        strand.Scope = Parent;
        _exited = true;
        DeadlineGeneration++;
        DisarmTimer();
        if (CancelCalled) Kernel.CountCancelledScope(-1);
    }

    internal void OnDeadline()
    {
        _timerArmed = false; // the timers took the entry out to fire it
        Cancel();
    }

    private void ArmTimer()
    {
        Kernel.Timers.Arm(_deadline, this);
        _timerArmed = true;
    }

    // The armed entry went stale (new deadline, or the scope ended): tell the timers, which compact when stale
    // entries pile up.
    private void DisarmTimer()
    {
        if (!_timerArmed) return;
        _timerArmed = false;
        Kernel.Timers.OnStale();
    }

    // A scope's strands live on its loop's thread: cancelling from elsewhere would race with that loop.
    private void CheckLoop()
    {
        if (Braid.Kernel.Current != Kernel) throw Misuse.OtherLoop("This cancel scope");
    }

    internal void AddParked(Strand strand)
    {
        strand.ScopeIndex = _parked.Count;
        _parked.Add(strand);
    }

    internal void RemoveParked(Strand strand) => RemoveFrom(_parked, strand, strand.ScopeIndex, (s, i) => s.ScopeIndex = i);

    /// <summary>Adds every parked strand in this scope and the scopes inside it (for deadlock reports).</summary>
    internal void CollectParked(List<Strand> into)
    {
        into.AddRange(_parked);
        foreach (var child in _children) child.CollectParked(into);
    }

    /// <summary>Wakes the parked strands inside this scope with cancellation, not descending into shielded scopes.</summary>
    private void Deliver()
    {
        // Aborting a wait removes the strand from _parked (swap-remove), so walk from the end.
        for (var i = _parked.Count - 1; i >= 0; i--)
        {
            if (i < _parked.Count) Kernel.TryAbort(_parked[i]);
        }
        for (var i = 0; i < _children.Count; i++)
        {
            if (!_children[i]._shield) _children[i].Deliver();
        }
    }

    // Swap-remove: move the last element into the hole and tell it its new index.
    private static void RemoveFrom<T>(List<T> list, T item, int index, Action<T, int> setIndex)
    {
        var last = list.Count - 1;
        if (index < 0 || index > last || !ReferenceEquals(list[index], item)) throw new InvalidOperationException("Cancel scope bookkeeping is corrupt.");
        if (index != last)
        {
            list[index] = list[last];
            setIndex(list[index], index);
        }
        list.RemoveAt(last);
    }
}
