namespace Braid.MapReduce.Orleans;

/// <summary>
/// The cluster cannot run the job: no gateway answers, the cluster id or Braid's protocol differs, no silo is alive,
/// the membership database cannot be reached. The message is one line that says which, for the user.
/// </summary>
public sealed class ClusterException(string message, Exception? inner = null) : Exception(message, inner);
