using TrajectoryBuild.ImportBench;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return await ImportBenchApp.RunAsync(args, Console.Out, Console.Error, cancellation.Token).ConfigureAwait(false);
