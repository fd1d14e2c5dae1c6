using TrajectoryBuild.MicroBench;

return await MicroBenchApp.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
