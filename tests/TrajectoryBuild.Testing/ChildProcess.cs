using System.Diagnostics;
using System.Text;

namespace TrajectoryBuild.Testing;

/// <summary>
/// Runs a built program (trajbuild, trajbuild-test) as a real child process with captured output, so tests can
/// kill it mid-build (SIGKILL) or interrupt it (SIGINT) and check what it left behind.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private ChildProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
    }

    public int Id => _process.Id;

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <c>dotnet &lt;assembly&gt;.dll args</c>; the assembly is looked up beside the test binaries. With a
    /// <paramref name="launcher"/> (a program and its arguments, e.g. strace), that runs the dotnet command.
    /// </summary>
    public static ChildProcess Start(string assemblyName, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null, IReadOnlyList<string>? launcher = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is not built beside the tests");
        }

        var info = new ProcessStartInfo(launcher is { Count: > 0 } ? launcher[0] : DotnetHost()) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        if (launcher is { Count: > 0 })
        {
            foreach (var arg in launcher.Skip(1).Append(DotnetHost()))
            {
                info.ArgumentList.Add(arg);
            }
        }

        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["NO_COLOR"] = "1";
        info.Environment.Remove("TRAJBUILD_MANIFEST");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var child = new ChildProcess(Process.Start(info)!);
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        child._process.StandardInput.Close();
        return child;
    }

    /// <summary>Waits for exit (killing the child on timeout) and returns the exit code.</summary>
    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"child did not exit within {timeout}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        }

        _process.WaitForExit(); // flush the asynchronous output readers
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: the process gets no chance to clean up, as with a power cut or an OOM kill.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: true);

    /// <summary>SIGINT, as Ctrl-C sends.</summary>
    public void Interrupt()
    {
        using var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.Append(line).Append('\n');
        }
    }
}
