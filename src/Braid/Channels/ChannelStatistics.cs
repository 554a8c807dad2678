namespace Braid;

/// <summary>A snapshot of a channel, for the tour and for deadlock reports; back-pressure shows as sender parks.</summary>
/// <param name="Name">The channel's name.</param>
/// <param name="Buffered">Items in the buffer now.</param>
/// <param name="Capacity">The buffer's size: 0 for a rendezvous channel, null for unbounded.</param>
/// <param name="OpenSenders">Sender handles not yet closed.</param>
/// <param name="OpenReceivers">Receiver handles not yet closed.</param>
/// <param name="WaitingSenders">Strands parked in a send (or a select with a send case).</param>
/// <param name="WaitingReceivers">Strands parked in a receive.</param>
/// <param name="Sent">Items accepted so far.</param>
/// <param name="Received">Items taken so far.</param>
/// <param name="SenderParks">How often a sender had to wait for room: the back-pressure the channel applied.</param>
/// <param name="ReceiverParks">How often a receiver had to wait for an item.</param>
public sealed record ChannelStatistics(
    string Name, int Buffered, int? Capacity, int OpenSenders, int OpenReceivers, int WaitingSenders, int WaitingReceivers,
    long Sent, long Received, long SenderParks, long ReceiverParks);
