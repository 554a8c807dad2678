namespace Braid;

/// <summary>
/// Thrown by a receive when every sender has closed and the buffer is drained: the normal end of a stream (Trio's
/// EndOfChannelException). <c>await foreach</c> over a receiver ends quietly instead.
/// </summary>
public sealed class EndOfChannelException(string channel) : Exception($"{channel} is closed and drained: no more items will come.");

/// <summary>Thrown when a sender or receiver is used after it was closed.</summary>
public sealed class ClosedResourceException(string message) : InvalidOperationException(message);

/// <summary>
/// Thrown by a send when every receiver has closed: nobody will ever take the item, so the send fails rather than
/// waiting forever (Trio's BrokenResourceError). The item was not delivered.
/// </summary>
public sealed class BrokenChannelException(string channel) : Exception($"{channel} has no open receiver: the item was not delivered.");
