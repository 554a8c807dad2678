namespace Braid.MapReduce.Engine;

/// <summary>The outcome of a job: the final value of every key, and how the run went.</summary>
/// <param name="Values">Every key's reduced value.</param>
/// <param name="InvalidUtf8">Invalid UTF-8 sequences in the input, replaced by U+FFFD and counted, never fatal.</param>
/// <param name="Stats">Counters of the run (chunks, bytes, retries, workers).</param>
/// <param name="Elapsed">Wall time of the run.</param>
public sealed record MapReduceResult(IReadOnlyDictionary<string, long> Values, long InvalidUtf8, MapReduceStats Stats, TimeSpan Elapsed);
