using System.Net;
using Braid.MapReduce.Orleans.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Braid.MapReduce.Orleans.Hosting;

/// <summary>
/// A silo that runs Braid's map slots (<c>braid cluster silo</c>): Orleans hosting, the cluster's membership and
/// failure detection (<see cref="ClusterDefaults"/>), and the placement that puts each slot where the client asks.
/// Orleans' own logging is off: the silo says that it is ready, and why it stopped, in one line each.
/// </summary>
public static class SiloHost
{
    /// <summary>What a silo prints once it accepts clients: tests and scripts wait for this line rather than for time.</summary>
    public const string ReadyLine = "silo ready";

    /// <summary>
    /// Runs a silo until <paramref name="cancellationToken"/> is cancelled; <paramref name="say"/> hears its ready line.
    /// Throws <see cref="ClusterException"/> when it cannot start (a port taken, no primary, no database).
    /// </summary>
    public static async Task RunAsync(SiloSettings settings, Action<string> say, CancellationToken cancellationToken)
    {
        if (settings.Membership == MembershipKind.Postgres)
        {
            if (string.IsNullOrWhiteSpace(settings.ConnectionString)) throw new ClusterException("postgres membership needs a connection string");
            await PostgresMembership.EnsureSchemaAsync(settings.ConnectionString, cancellationToken);
        }
        using var host = Build(settings);
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new ClusterException($"the silo could not start: {OneLine(e)}", e);
        }
        say($"{ReadyLine}: silo {settings.Address}:{settings.Port}, gateway {settings.Address}:{settings.GatewayPort}, " +
            $"cluster '{settings.ClusterId}', {Describe(settings)}, pid {Environment.ProcessId}, protocol {ClusterProtocol.Current}");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Asked to stop: leave the cluster properly, so the others need not detect a failure.
        }
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await host.StopAsync(grace.Token);
        say($"silo stopped: left cluster '{settings.ClusterId}'");
    }

    private static IHost Build(SiloSettings settings) =>
        new HostBuilder()
            .ConfigureServices(services => services.AddSingleton<IHostLifetime, QuietLifetime>())
            .UseOrleans(silo =>
            {
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = settings.ClusterId;
                    o.ServiceId = ClusterDefaults.ServiceId;
                });
                silo.ConfigureEndpoints(settings.Address, settings.Port, settings.GatewayPort, listenOnAnyHostAddress: false);
                if (settings.Membership == MembershipKind.Postgres)
                {
                    silo.UseAdoNetClustering(o =>
                    {
                        o.Invariant = PostgresMembership.Invariant;
                        o.ConnectionString = settings.ConnectionString;
                    });
                }
                else
                {
                    silo.UseDevelopmentClustering(settings.Primary ?? new IPEndPoint(settings.Address, settings.Port));
                }
                silo.Configure<ClusterMembershipOptions>(ClusterDefaults.FastFailureDetection);
                silo.Services.AddPlacementDirector<SlotPlacement, SlotPlacementDirector>();
            })
            .Build();

    private static string Describe(SiloSettings settings) => settings.Membership == MembershipKind.Postgres
        ? $"membership in postgres ({PostgresMembership.Describe(settings.ConnectionString!)})"
        : settings.Primary is null ? "localhost membership, primary" : $"localhost membership, primary {settings.Primary}";

    /// <summary>An exception as one line: its message and its innermost cause's, without stack traces.</summary>
    internal static string OneLine(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null) inner = inner.InnerException;
        var outer = FirstLine(e.Message);
        var innermost = FirstLine(inner.Message);
        return inner == e || outer.Contains(innermost, StringComparison.Ordinal) ? outer : $"{outer} ({innermost})";
    }

    /// <summary>
    /// The first line of a message, without the remote stack trace that some of Orleans' messages carry.
    /// </summary>
    private static string FirstLine(string message)
    {
        var line = message.ReplaceLineEndings("\n").Split('\n', 2)[0];
        var trace = line.IndexOf("    at ", StringComparison.Ordinal);
        return (trace > 0 ? line[..trace] : line).Trim();
    }
}
