using Build.Host;

// Never disposed: a Ctrl-C can arrive while the process is on its way out, and its handler must not meet a disposed
// source; it holds no timer, so nothing leaks.
var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl-C: cancel cleanly (child processes are killed, the summary is printed);
    // a second one ends the process at once.
    if (!cts.IsCancellationRequested)
    {
        e.Cancel = true;
        cts.Cancel();
    }
};

var console = new BuildConsole(Console.Out, Console.Error, ConsoleStyle.Detect(Environment.GetEnvironmentVariable));
return await BuildHost.RunAsync(args, console, Environment.GetEnvironmentVariable, cts.Token).ConfigureAwait(false);
