namespace Braid.Crawler;

/// <summary>A crawl that cannot start as asked (a bad seed, an unwritable output, a state file of another crawl): its message is one line for the user.</summary>
public sealed class CrawlInputException(string message) : Exception(message);
