using Braid.MapReduce.Executors;

// The same worker as 'braid worker', without the command line around it: frames in on stdin, results out on stdout.
return WorkerHost.Run(Console.OpenStandardInput(), Console.OpenStandardOutput());
