namespace Braid.IO;

/// <summary>Which readiness poller a loop sleeps in.</summary>
public enum PollerKind
{
    /// <summary>Linux epoll, edge-triggered: each socket is registered once, with no system call per wait.</summary>
    Epoll,

    /// <summary>Any OS: Socket.Select over the sockets that have a waiter, level-triggered; slower, O(waiters) per wait.</summary>
    Portable,
}
