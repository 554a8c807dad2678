using Braid.Cli;
using Braid.Cli.Commands;

// A map-reduce worker starts once per worker process and must start fast: skip building the command tree.
if (args is [WorkerCommand.Name]) return WorkerCommand.Run();

return await Cli.RunAsync(BraidCommand.Create(), args);
