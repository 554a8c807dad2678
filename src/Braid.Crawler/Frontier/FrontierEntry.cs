namespace Braid.Crawler.Frontier;

/// <summary>A URL waiting to be fetched: canonical, with the depth it was found at and the page that linked to it.</summary>
internal sealed record FrontierEntry(string Url, int Depth, string? Referrer);
