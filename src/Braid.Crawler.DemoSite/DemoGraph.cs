namespace Braid.Crawler.DemoSite;

/// <summary>
/// The demo site's page graph, known in advance so tests can say which pages a crawl must reach: page i links to
/// four pages by fixed arithmetic, one of them i+1, so every page is reachable from /page/0 and the graph has cycles.
/// </summary>
public static class DemoGraph
{
    /// <summary>The pages that page <paramref name="page"/> links to, in document order (may repeat).</summary>
    public static IReadOnlyList<int> LinksOf(int page, int pages) =>
        [(page * 7 + 1) % pages, (page * 13 + 5) % pages, (page + 1) % pages, (page * 2 + 3) % pages];

    /// <summary>The depth of each page from /page/0 (breadth first); the home page is one link above /page/0.</summary>
    public static int[] Depths(int pages)
    {
        var depth = Enumerable.Repeat(-1, pages).ToArray();
        var queue = new Queue<int>();
        depth[0] = 0;
        queue.Enqueue(0);
        while (queue.Count > 0)
        {
            var page = queue.Dequeue();
            foreach (var next in LinksOf(page, pages))
            {
                if (depth[next] >= 0) continue;
                depth[next] = depth[page] + 1;
                queue.Enqueue(next);
            }
        }
        return depth;
    }
}
