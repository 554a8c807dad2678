namespace Braid.IO;

/// <summary>
/// The readiness poller of the current loop. A loop gets one at its first I/O call: epoll on Linux, the portable
/// Socket.Select poller elsewhere. It is installed as the kernel's idle wait (<see cref="IIdleWait"/>), so the loop
/// sleeps in it whenever no strand can run.
/// </summary>
/// <remarks>
/// Deterministic mode: a loop with a seed or virtual time refuses real I/O at the first call, with an
/// <see cref="InvalidOperationException"/>. Bytes from the network arrive when the OS delivers them, not when the
/// seeded scheduler says, and virtual time would jump past a network timeout in a microsecond: the run would look
/// deterministic and not be. Test protocol logic over <see cref="MemoryChannel"/>s instead.
/// </remarks>
public static class Poller
{
    /// <summary>Chooses the poller for the current loop; call it before the loop's first I/O (later, only the same kind is accepted).</summary>
    public static void Use(PollerKind kind)
    {
        var kernel = Kernel.Require();
        if (kernel.Inbox.IdleWait is ReadinessPoller existing)
        {
            if (existing.Kind != kind) throw new InvalidOperationException($"This loop already polls with {existing.Kind}; choose the poller before the first I/O call.");
            return;
        }
        Install(kernel, kind);
    }

    /// <summary>The kind of poller the current loop uses (installing the default if it has none yet).</summary>
    public static PollerKind Kind => For(Kernel.Require()).Kind;

    /// <summary>The default for this OS: epoll on Linux, the portable poller elsewhere.</summary>
    public static PollerKind Default => OperatingSystem.IsLinux() ? PollerKind.Epoll : PollerKind.Portable;

    internal static ReadinessPoller For(Kernel kernel) =>
        kernel.Inbox.IdleWait as ReadinessPoller ?? Install(kernel, Default);

    private static ReadinessPoller Install(Kernel kernel, PollerKind kind)
    {
        if (kernel.Seed is not null || kernel.VirtualTime)
        {
            throw new InvalidOperationException(
                "Real I/O cannot run on a deterministic loop (seeded scheduling or virtual time): the network's timing is not the seed's. " +
                "Run I/O on a normal loop, or test the protocol over MemoryChannels.");
        }
        if (!kernel.Inbox.HasDefaultIdleWait)
        {
            throw new InvalidOperationException("This loop sleeps in a custom IIdleWait (RunOptions.IdleWait); Braid.IO needs its own poller there.");
        }
        if (kind == PollerKind.Epoll && !OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("epoll is Linux only; use PollerKind.Portable.");
        ReadinessPoller poller = kind == PollerKind.Epoll ? new EpollPoller() : new PortablePoller();
        kernel.Inbox.IdleWait = poller;
        return poller;
    }
}
