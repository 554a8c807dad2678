using BenchmarkDotNet.Running;

// Cross-checks `braid bench runtime` with BenchmarkDotNet: statistics over many iterations, allocated bytes per
// operation, and each benchmark under both GC modes. Pass BenchmarkDotNet's own options, e.g. --filter '*Spawn*'
// or --job short.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
