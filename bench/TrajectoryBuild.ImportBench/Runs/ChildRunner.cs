using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace TrajectoryBuild.ImportBench.Runs;

/// <summary>
/// Starts each measured run as its own process (so its peak memory is its own) and reads the JSON result on its last
/// output line: this benchmark again in child mode for trajbuild, python3 with json_baseline.py for the baseline.
/// </summary>
internal static class ChildRunner
{
    public const string ChildCommand = "child";

    public static JsonSerializerOptions Json { get; } = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Task<RunResult> TrajbuildAsync(string importer, string list, string output, string corpusRoot, CancellationToken cancellationToken) =>
        RunAsync<RunResult>(Self(), [ChildCommand, "import", importer, list, output, corpusRoot], cancellationToken);

    public static Task<ProfileResult> ProfileAsync(string importer, string list, string output, string corpusRoot, CancellationToken cancellationToken) =>
        RunAsync<ProfileResult>(Self(), [ChildCommand, "profile", importer, list, output, corpusRoot], cancellationToken);

    public static Task<RunResult> PythonAsync(string python, string list, string output, CancellationToken cancellationToken) =>
        RunAsync<RunResult>((python, []), [Path.Combine(AppContext.BaseDirectory, "json_baseline.py"), list, output], cancellationToken);

    private static (string File, string[] Prefix) Self()
    {
        var process = Environment.ProcessPath ?? throw new ImportBenchFailedException("cannot tell this process's path to start a child");
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? (process, [Assembly.GetExecutingAssembly().Location]) : (process, []);
    }

    private static async Task<T> RunAsync<T>((string File, string[] Prefix) program, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program.File) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in program.Prefix.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new ImportBenchFailedException($"could not start {program.File}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var output = await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new ImportBenchFailedException($"{program.File} {string.Join(' ', args)} exited with {process.ExitCode}: {errors.Trim()}");
        }

        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()
            ?? throw new ImportBenchFailedException($"{program.File} {string.Join(' ', args)} printed nothing: {errors.Trim()}");
        return JsonSerializer.Deserialize<T>(last, Json) ?? throw new ImportBenchFailedException($"unexpected result: {last}");
    }
}
