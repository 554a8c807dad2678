using System.CommandLine;
using System.Net;
using Braid.MapReduce.Orleans;
using Braid.MapReduce.Orleans.Hosting;

namespace Braid.Cli.Commands;

/// <summary><c>braid cluster silo</c>: an Orleans silo that runs Braid's map-reduce work for <c>--executor orleans</c>.</summary>
public static class ClusterCommand
{
    public static Command Create()
    {
        var command = new Command("cluster", "Run an Orleans cluster for 'braid mapreduce --executor orleans'.");
        command.Subcommands.Add(SiloCommand());
        return command;
    }

    private static Command SiloCommand()
    {
        var defaults = new SiloSettings();
        var address = new Option<string>("--address") { Description = "The address to listen on and be reached at.", DefaultValueFactory = _ => defaults.Address.ToString(), HelpName = "IP" };
        var port = Port("--port", defaults.Port, "The port silos talk to each other on.");
        var gatewayPort = Port("--gateway-port", defaults.GatewayPort, "The port clients connect to (--gateway of 'braid mapreduce').");
        var primary = new Option<string?>("--primary") { Description = "Localhost membership: the primary silo's HOST:PORT (its --port); without it, this silo is the primary.", HelpName = "HOST:PORT" };
        var membership = new Option<string>("--membership")
        {
            Description = "Where the list of silos is kept: localhost (in the primary silo; one machine) or postgres (a table; real machines).",
            DefaultValueFactory = _ => "localhost",
            HelpName = "localhost|postgres",
        };
        membership.Validators.Add(r =>
        {
            if (!Enum.TryParse<MembershipKind>(r.GetValueOrDefault<string>(), ignoreCase: true, out _)) r.AddError("--membership must be localhost or postgres.");
        });
        var connection = new Option<string?>("--connection")
        {
            Description = "Postgres membership: the Npgsql connection string (or set BRAID_CLUSTER_CONNECTION, which keeps a password out of ps).",
            HelpName = "STRING",
        };
        var clusterId = ClusterId();
        var command = new Command("silo", "Start a silo; it prints 'silo ready: ...' once clients can connect, and runs until Ctrl-C or SIGTERM.")
        {
            address, port, gatewayPort, primary, membership, connection, clusterId,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!IPAddress.TryParse(parse.GetValue(address), out var ip)) throw new UsageException($"--address: '{parse.GetValue(address)}' is not an IP address");
            var kind = Enum.Parse<MembershipKind>(parse.GetValue(membership)!, ignoreCase: true);
            var connectionString = parse.GetValue(connection) ?? Environment.GetEnvironmentVariable("BRAID_CLUSTER_CONNECTION");
            if (kind == MembershipKind.Postgres && string.IsNullOrWhiteSpace(connectionString))
            {
                throw new UsageException("--membership postgres needs --connection (or BRAID_CLUSTER_CONNECTION)");
            }
            if (kind != MembershipKind.Localhost && parse.GetValue(primary) is not null) throw new UsageException("--primary is for --membership localhost only");
            var settings = new SiloSettings
            {
                Address = ip,
                Port = parse.GetValue(port),
                GatewayPort = parse.GetValue(gatewayPort),
                Primary = parse.GetValue(primary) is { } p ? Endpoint("--primary", p) : null,
                ClusterId = parse.GetValue(clusterId)!,
                Membership = kind,
                ConnectionString = connectionString,
            };
            // Ctrl-C and SIGTERM stop the silo in order: it leaves the cluster rather than being found dead seconds later.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            void Leave(System.Runtime.InteropServices.PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }
            using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, Leave);
            using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, Leave);
            await SiloHost.RunAsync(settings, line =>
            {
                Console.Out.WriteLine(line);
                Console.Out.Flush();
            }, stop.Token);
            return 0;
        });
        return command;
    }

    /// <summary>How to start a silo of this very braid: the executable, or the dotnet host with braid.dll when run through it.</summary>
    public static Braid.MapReduce.Executors.WorkerLaunch SiloLaunch()
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this executable is unknown");
        var dll = typeof(ClusterCommand).Assembly.Location;
        return Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? new(self, ["exec", dll, "cluster", "silo"])
            : new(self, ["cluster", "silo"]);
    }

    /// <summary>The cluster id option, shared by the silo and the client so that both are spelled the same.</summary>
    public static Option<string> ClusterId() => new("--cluster-id")
    {
        Description = "The cluster's name: silos and clients of different clusters refuse each other.",
        DefaultValueFactory = _ => ClusterDefaults.ClusterId,
        HelpName = "ID",
    };

    /// <summary>Parses HOST:PORT for an option, as a usage error when it is not one.</summary>
    public static IPEndPoint Endpoint(string option, string text)
    {
        try
        {
            return ClusterConnection.ParseEndpoint(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"{option}: {e.Message}");
        }
    }

    private static Option<int> Port(string name, int defaultValue, string description) =>
        CommonOptions.Count(name, defaultValue, 1, 65535, description, "PORT");
}
