using Braid.Overheads.Child;

using var input = Console.OpenStandardInput();
using var output = Console.OpenStandardOutput();
return ChildProgram.Run(args, input, output, Console.Error);
