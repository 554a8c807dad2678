using Braid.MapReduce.Executors;

return WorkerHost.Run(Console.OpenStandardInput(), Console.OpenStandardOutput());
