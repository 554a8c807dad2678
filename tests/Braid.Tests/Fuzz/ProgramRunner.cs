namespace Braid.Tests.Fuzz;

/// <summary>A failure a group child raises on purpose: its group must report it, and nothing else may break.</summary>
public sealed class PlannedFailure() : Exception("planned failure of a group child");

/// <summary>
/// Runs a <see cref="RandomProgram"/> on a deterministic loop and checks the runtime's promises on the way and after:
/// exclusion inside every primitive, every item delivered is received exactly once (and nothing else is), no permit is
/// leaked or duplicated, every strand finishes, and a deadlock is reported exactly when the program ends in one.
/// Returns the broken promises (empty when all held).
/// </summary>
public sealed class ProgramRunner
{
    private const int Tokens = 2;

    private readonly AsyncLock _lock = new("lock");
    private readonly ReentrantLock _reentrant = new("reentrant");
    private readonly AsyncSemaphore _semaphore = new(Tokens, "semaphore");
    private readonly BoundedSemaphore _bounded = new(Tokens, "bounded");
    private readonly CapacityLimiter _limiter = new(Tokens, "limiter");
    private readonly ReadersWriterLock _rw = new("rw");
    private readonly Event _event = new();
    private readonly Event _never = new();
    private readonly Condition _condition = new(name: "condition");
    private readonly AsyncBarrier _barrier = new(2, name: "barrier");
    private readonly (ChannelSender<long> Tx, ChannelReceiver<long> Rx)[] _channels =
        [MemoryChannel.OpenRendezvous<long>("rendezvous"), MemoryChannel.Open<long>(2, "bounded"), MemoryChannel.OpenUnbounded<long>("unbounded")];
    private readonly HashSet<long> _delivered = new();
    private readonly HashSet<long> _received = new();
    private readonly List<CancelScope> _openScopes = new();
    private readonly List<Strand> _spawned = new();
    private readonly List<string> _broken = new();
    private long _nextItem;
    private int _inLock, _inReentrant, _inSemaphore, _inBounded, _inLimiter, _readers, _writers, _bumps;

    private readonly bool _loseAnItem;

    private ProgramRunner(bool loseAnItem) => _loseAnItem = loseAnItem;

    /// <summary>
    /// Runs the program and returns the promises it found broken. <paramref name="loseAnItem"/> makes the runner itself
    /// claim a delivery that never happened, to show that the checks catch a lost item.
    /// </summary>
    public static IReadOnlyList<string> Check(RandomProgram program, IKernelListener? listener = null, bool loseAnItem = false) =>
        new ProgramRunner(loseAnItem).Run(program, listener);

    private IReadOnlyList<string> Run(RandomProgram program, IKernelListener? listener)
    {
        try
        {
            Loop.Run(() => Main(program), RunOptions.Deterministic(program.Seed, listener));
            if (program.EndsInDeadlock) _broken.Add("the program ends waiting forever, but no deadlock was reported");
        }
        catch (DeadlockException deadlock) when (program.EndsInDeadlock)
        {
            if (deadlock.Blocked.Count != 1 || deadlock.Blocked[0].Name != "main") _broken.Add($"the deadlock report names more than main: {deadlock.Message}");
        }
        catch (Exception e)
        {
            _broken.Add($"the run failed: {e}");
        }
        return _broken;
    }

    private async Coroutine Main(RandomProgram program)
    {
        for (var i = 0; i < program.Background.Length; i++)
        {
            var steps = program.Background[i];
            _spawned.Add(Loop.Spawn(() => Steps(steps, inGroupChild: false), $"background-{i}"));
        }
        await Steps(program.Main, inGroupChild: false);
        for (var i = 0; i < _spawned.Count; i++) await _spawned[i].Join(); // the list grows while we join
        CheckTheEnd();
        if (program.EndsInDeadlock) await _never.Wait();
    }

    private async Coroutine Steps(Op[] steps, bool inGroupChild)
    {
        foreach (var step in steps) await Do(step, inGroupChild);
    }

    private async Coroutine Do(Op op, bool inGroupChild)
    {
        var wait = TimeSpan.FromMilliseconds(1 + 3 * op.B);
        switch (op.Kind)
        {
            case OpKind.Yield: await Loop.Yield(); break;
            case OpKind.Sleep: await Loop.Sleep(TimeSpan.FromMilliseconds(op.A)); break;
            case OpKind.HoldLock:
                await _lock.Acquire();
                try { await Inside(() => ++_inLock <= 1, () => _inLock--, "two strands inside the lock", op.A); }
                finally { _lock.Release(); }
                break;
            case OpKind.HoldReentrant:
                await _reentrant.Acquire();
                try
                {
                    await _reentrant.Acquire();
                    try { await Inside(() => ++_inReentrant <= 1, () => _inReentrant--, "two strands inside the reentrant lock", op.A); }
                    finally { _reentrant.Release(); }
                }
                finally { _reentrant.Release(); }
                break;
            case OpKind.HoldSemaphore:
                await _semaphore.Acquire();
                try { await Inside(() => ++_inSemaphore <= Tokens, () => _inSemaphore--, "more strands inside the semaphore than permits", op.A); }
                finally { _semaphore.Release(); }
                break;
            case OpKind.HoldBounded:
                await _bounded.Acquire();
                try { await Inside(() => ++_inBounded <= Tokens, () => _inBounded--, "more strands inside the bounded semaphore than permits", op.A); }
                finally { _bounded.Release(); }
                break;
            case OpKind.HoldLimiter:
                await _limiter.Acquire();
                try { await Inside(() => ++_inLimiter <= Tokens, () => _inLimiter--, "more borrowers than tokens", op.A); }
                finally { _limiter.Release(); }
                break;
            case OpKind.Read:
                await _rw.AcquireRead();
                try { await Inside(() => ++_readers > 0 && _writers == 0, () => _readers--, "a reader beside a writer", op.A); }
                finally { _rw.ReleaseRead(); }
                break;
            case OpKind.Write:
                await _rw.AcquireWrite();
                try { await Inside(() => ++_writers == 1 && _readers == 0, () => _writers--, "a writer beside another strand", op.A); }
                finally { _rw.ReleaseWrite(); }
                break;
            case OpKind.Send:
                {
                    var item = _nextItem++;
                    var tx = _channels[op.A % 3].Tx;
                    await Loop.MoveOnAfter(wait, async () =>
                    {
                        await tx.Send(item);
                        _delivered.Add(item); // returned: delivered; cancelled: not
                    });
                    break;
                }
            case OpKind.TrySend:
                {
                    var item = _nextItem++;
                    if (_channels[op.A % 3].Tx.TrySend(item)) _delivered.Add(item);
                    break;
                }
            case OpKind.Receive:
                {
                    var rx = _channels[op.A % 3].Rx;
                    await Loop.MoveOnAfter(wait, async () => Got(await rx.Receive()));
                    break;
                }
            case OpKind.TryReceive:
                if (_channels[op.A % 3].Rx.TryReceive(out var taken)) Got(taken);
                break;
            case OpKind.Select:
                await SelectOnce(op, wait);
                break;
            case OpKind.SetEvent: _event.Set(); break;
            case OpKind.WaitEvent: await Loop.MoveOnAfter(wait, async () => await _event.Wait()); break;
            case OpKind.Bump:
                await _condition.Acquire();
                try
                {
                    _bumps++;
                    _condition.NotifyAll();
                }
                finally { _condition.Release(); }
                break;
            case OpKind.WaitForBump:
                {
                    var target = _bumps + 1;
                    await Loop.MoveOnAfter(wait, async () =>
                    {
                        await _condition.Acquire();
                        try { await _condition.WaitFor(() => _bumps >= target); }
                        finally { _condition.Release(); }
                    });
                    break;
                }
            case OpKind.Barrier: await Loop.MoveOnAfter(wait, async () => await _barrier.Wait()); break;
            case OpKind.Scope:
                {
                    var scope = new CancelScope { Shield = op.A == 0 };
                    if (op.B > 0) scope.Deadline = Loop.Now + TimeSpan.FromMilliseconds(op.B);
                    _openScopes.Add(scope);
                    try { await scope.RunAsync(() => Steps(op.Body, inGroupChild)); }
                    finally { _openScopes.Remove(scope); }
                    break;
                }
            case OpKind.CancelAScope:
                if (_openScopes.Count > 0) _openScopes[(op.A + op.B) % _openScopes.Count].Cancel();
                break;
            case OpKind.Group:
                try
                {
                    await TaskGroup.RunAsync(group =>
                    {
                        foreach (var child in op.Body) group.Spawn(() => Do(child, inGroupChild: true));
                        return Coroutine.CompletedCoroutine;
                    });
                }
                catch (TaskGroupException e) when (e.InnerExceptions.All(x => x is PlannedFailure))
                {
                }
                break;
            case OpKind.Spawn:
                _spawned.Add(Loop.Spawn(() => Steps(op.Body, inGroupChild: false), $"spawned-{_spawned.Count}"));
                break;
            case OpKind.Fail:
                if (inGroupChild) throw new PlannedFailure();
                break;
        }
    }

    /// <summary>Enters a critical section (checking its rule), stays for a few checkpoints, and leaves.</summary>
    private async Coroutine Inside(Func<bool> enter, Action leave, string rule, int turns)
    {
        if (!enter()) _broken.Add(rule);
        try
        {
            for (var i = 0; i < turns; i++)
            {
                if (i % 2 == 0) await Loop.Yield();
                else await Loop.Sleep(TimeSpan.FromMilliseconds(1));
            }
        }
        finally { leave(); }
    }

    private async Coroutine SelectOnce(Op op, TimeSpan wait)
    {
        var from = _channels[op.A % 3].Rx.ReceiveCase();
        var item = _nextItem++;
        var to = _channels[op.B % 3].Tx.SendCase(item);
        SelectCase last = op.A % 2 == 0 ? Select.Timeout(wait) : Select.Default();
        var fired = await Select.RunAsync(from, to, last);
        if (fired == 0 && !from.IsClosed) Got(from.Value);
        if (fired == 1) _delivered.Add(item);
    }

    private void Got(long item)
    {
        if (!_received.Add(item)) _broken.Add($"item {item} received twice");
    }

    private void CheckTheEnd()
    {
        if (_loseAnItem) _delivered.Add(-1);
        foreach (var (tx, rx) in _channels)
        {
            tx.Close();
            while (rx.TryReceive(out var left)) Got(left);
        }
        var lost = _delivered.Except(_received).ToList();
        var phantom = _received.Except(_delivered).ToList();
        if (lost.Count > 0) _broken.Add($"items delivered but never received: {string.Join(", ", lost)}");
        if (phantom.Count > 0) _broken.Add($"items received that nobody delivered: {string.Join(", ", phantom)}");
        if (_lock.IsLocked) _broken.Add("the lock is still held");
        if (_reentrant.Owner is not null) _broken.Add("the reentrant lock is still held");
        if (_semaphore.Value != Tokens) _broken.Add($"the semaphore has {_semaphore.Value} permits, not {Tokens}");
        if (_bounded.Value != Tokens) _broken.Add($"the bounded semaphore has {_bounded.Value} permits, not {Tokens}");
        if (_limiter.Borrowed != 0) _broken.Add($"{_limiter.Borrowed} limiter tokens still borrowed");
        if (_rw.Readers != 0 || _rw.Writer is not null) _broken.Add("the readers-writer lock is still held");
        if (_condition.Lock.IsLocked) _broken.Add("the condition's lock is still held");
        foreach (var strand in _spawned.Where(s => !s.IsFinished)) _broken.Add($"{strand.Name} never finished");
    }
}
