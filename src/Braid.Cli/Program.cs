using Braid.Cli;
using Braid.Cli.Commands;

return await Cli.RunAsync(BraidCommand.Create(), args);
