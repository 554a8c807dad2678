using System.CommandLine;
using Braid.Benchmarks.Echo;
using Braid.Gevent;

namespace Braid.Cli.Commands;

/// <summary><c>braid echo serve|load</c>: the asyncio part's echo server and its load generator, both on a Braid loop.</summary>
public static class EchoCommand
{
    public static Command Create()
    {
        var echo = new Command("echo", "A TCP echo server on one Braid loop, and a load generator that verifies every byte.");
        echo.Subcommands.Add(Serve());
        echo.Subcommands.Add(Load());
        return echo;
    }

    private static Option<int> Port(bool required)
    {
        var port = CommonOptions.Count("--port", 0, 0, 65535, "TCP port.", "P");
        port.Required = required;
        return port;
    }

    private static Option<string> Host() =>
        new("--host") { Description = "Address to listen on or connect to.", DefaultValueFactory = _ => "127.0.0.1" };

    private static Command Serve()
    {
        var host = Host();
        var port = Port(required: true);
        var server = new Option<string>("--server") { Description = "braid (one Braid loop), green (gevent's way: blocking socket code in green threads, monkey-patched) or dotnet (.NET Socket async on the thread pool, the baseline).", DefaultValueFactory = _ => "braid" };
        server.AcceptOnlyFromAmong("braid", "green", "dotnet");
        var memory = new Option<bool>("--memory") { Description = "Report open connections and the managed heap (after a full GC) whenever the count settles." };
        var command = new Command("serve", "Serve TCP echo until interrupted (Ctrl-C).") { host, port, server, memory };
        command.SetAction(async (parse, cancellation) =>
        {
            var address = parse.GetValue(host)!;
            void Listening(int p) => Console.WriteLine($"braid echo: listening on {address}:{p}");
            if (parse.GetValue(server) == "dotnet")
            {
                await SocketAsyncEchoServer.RunAsync(address, parse.GetValue(port), Listening, cancellation);
                return 0;
            }
            if (parse.GetValue(server) == "green")
            {
                return GreenEchoServer.Run(address, parse.GetValue(port), Listening,
                    served => Console.WriteLine($"braid echo: stopped after {served:N0} connections"));
            }
            return EchoServer.Run(address, parse.GetValue(port), Listening,
                served => Console.WriteLine($"braid echo: stopped after {served:N0} connections"),
                parse.GetValue(memory) ? (open, heap) => Console.WriteLine($"memory open={open} heap={heap}") : null);
        });
        return command;
    }

    private static Command Load()
    {
        var host = Host();
        var port = Port(required: true);
        var connections = CommonOptions.Count("--connections", 100, 1, 1_000_000, "Concurrent connections.");
        var messages = CommonOptions.Count("--messages", 1000, 1, int.MaxValue, "Messages per connection, each echoed before the next is sent.");
        var size = CommonOptions.Count("--size", 64, 1, 1 << 24, "Bytes per message.");
        var command = new Command("load", "Run N connections x M messages against an echo server; verify every byte; print requests/s, p50, p99.")
        {
            host, port, connections, messages, size,
        };
        command.SetAction(parse =>
        {
            EchoLoadResult result;
            try
            {
                result = EchoLoad.Run(parse.GetValue(host)!, parse.GetValue(port), parse.GetValue(connections), parse.GetValue(messages), parse.GetValue(size));
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }
            Console.WriteLine(result);
            return 0;
        });
        return command;
    }
}
