using System.Diagnostics;
using System.Globalization;

namespace TrajectoryBuild.MacroBench.Runs;

/// <summary>
/// Times a whole process: wall time from start to exit, and its peak resident set from GNU time's <c>%M</c> (the
/// child's <c>ru_maxrss</c> from wait4, so the peak is the child's own, read after it ended, never sampled).
/// </summary>
internal static class ProcessTimer
{
    public const string GnuTime = "/usr/bin/time";

    /// <summary>Says what is missing to time processes here, or null when nothing is.</summary>
    public static string? Missing() => File.Exists(GnuTime) ? null : $"GNU time is required for peak memory ({GnuTime}): apt-get install time";

    /// <summary>This program again, as the trajbuild CLI over the bench pipeline.</summary>
    public static (string File, IReadOnlyList<string> Args) Trajbuild(IEnumerable<string> args) => Self([MacroBenchApp.ChildCommand, .. args]);

    /// <summary>
    /// This program again, with <paramref name="args"/>: its own executable when this process is it, else
    /// <c>dotnet TrajectoryBuild.MacroBench.dll</c> (under <c>dotnet run</c>'s host, or a test host that loaded it).
    /// </summary>
    public static (string File, IReadOnlyList<string> Args) Self(IEnumerable<string> args)
    {
        var assembly = typeof(ProcessTimer).Assembly.Location;
        var process = Environment.ProcessPath;

        // Compared by whole file name: a test host's apphost, TrajectoryBuild.MacroBench.Tests, would otherwise pass
        // for this program with ".Tests" taken as its extension.
        var program = Path.GetFileNameWithoutExtension(assembly);
        if (process is not null && Path.GetFileName(process) is var name && (name == program || name == $"{program}.exe"))
        {
            return (process, [.. args]);
        }

        var host = process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path
            : "dotnet";
        return (host, [assembly, .. args]);
    }

    /// <summary>Runs <paramref name="file"/> under GNU time in <paramref name="directory"/> and waits for it.</summary>
    public static async Task<ProcessRun> RunAsync(string file, IReadOnlyList<string> args, string directory, CancellationToken cancellationToken)
    {
        if (Missing() is { } missing)
        {
            throw new MacroBenchFailedException(missing);
        }

        var peakFile = Path.Combine(Path.GetTempPath(), $"macrobench-{Environment.ProcessId}-{Guid.NewGuid():N}.peak");
        var start = new ProcessStartInfo(GnuTime)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var arg in (string[])["-f", "%M", "-o", peakFile, file, .. args])
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new MacroBenchFailedException($"could not start {file}");
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            var seconds = clock.Elapsed.TotalSeconds;
            var peak = File.ReadAllLines(peakFile).Select(l => l.Trim()).LastOrDefault(l => l.Length > 0 && char.IsAsciiDigit(l[0]));
            return new ProcessRun(
                process.ExitCode, seconds, peak is null ? 0 : long.Parse(peak, CultureInfo.InvariantCulture),
                await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
        finally
        {
            File.Delete(peakFile);
        }
    }

    /// <summary>Like <see cref="RunAsync"/>, but a non-zero exit fails the benchmark with the command and its errors.</summary>
    public static async Task<ProcessRun> RunCheckedAsync(string file, IReadOnlyList<string> args, string directory, CancellationToken cancellationToken)
    {
        var run = await RunAsync(file, args, directory, cancellationToken).ConfigureAwait(false);
        return run.ExitCode == 0
            ? run
            : throw new MacroBenchFailedException($"{Path.GetFileName(file)} {string.Join(' ', args)} exited with {run.ExitCode} in {directory}: {Tail(run.Stderr)}{Tail(run.Stdout)}");
    }

    private static string Tail(string text) => text.Length <= 2000 ? text.Trim() : "..." + text[^2000..].Trim();
}
