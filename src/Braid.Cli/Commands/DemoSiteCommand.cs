using System.CommandLine;
using System.Runtime.InteropServices;
using Braid.Crawler.DemoSite;

namespace Braid.Cli.Commands;

/// <summary><c>braid demo-site --port P</c>: serves the crawler's demo site on 127.0.0.1 until Ctrl-C.</summary>
public static class DemoSiteCommand
{
    public static Command Create()
    {
        var port = CommonOptions.Count("--port", 8080, 0, 65535, "Port on 127.0.0.1 (0 picks a free one).", "P");
        var pages = CommonOptions.Count("--pages", 2000, 1, 10_000_000, "Pages in the generated graph.");
        var noTraps = new Option<bool>("--no-traps") { Description = "Serve only the pages: no redirects, errors, slow or huge pages." };
        var command = new Command("demo-site", "Serve the crawler's demo site (robots.txt, sitemap, redirects, errors, slow and huge pages) on 127.0.0.1.")
        {
            port, pages, noTraps,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            DemoSite site;
            try
            {
                site = await DemoSite.StartAsync(new DemoSiteOptions { Port = parse.GetValue(port), Pages = parse.GetValue(pages), Traps = !parse.GetValue(noTraps) });
            }
            catch (IOException e)
            {
                throw new UsageException($"--port: cannot listen on 127.0.0.1:{parse.GetValue(port)}: {e.Message}");
            }
            await using (site)
            {
                Console.Error.WriteLine($"demo site: {site.Url} ({parse.GetValue(pages)} pages); Ctrl-C stops it");
                var stop = new TaskCompletionSource();
                using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
                using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
                using var cancelled = cancellationToken.Register(() => stop.TrySetResult());
                await stop.Task;
                Console.Error.WriteLine($"demo site: served {site.Log.Total} requests");
            }
            return 0;
        });
        return command;
    }
}
