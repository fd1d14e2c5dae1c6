using System.Text;

namespace TrajectoryBuild.Mining.Git;

/// <summary>
/// Does a patch apply at a checkout? Tried as SWE-bench does: <c>git apply --check</c>; the same with CRLF line
/// ends made LF (when the patch has any); then GNU <c>patch --dry-run -p1 --fuzz=5</c> where installed. Patches
/// that reach outside the checkout are refused before any tool runs, and so are binary patches. Nothing in the
/// checkout is changed.
/// </summary>
internal sealed class PatchCheck(TimeSpan? timeout = null)
{
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromMinutes(1);

    public async Task<PatchCheckResult> CheckAsync(string checkout, string patch, CancellationToken cancellationToken)
    {
        PatchFiles files;
        try
        {
            files = PatchParser.Parse(patch);
        }
        catch (Patches.PatchFormatException e)
        {
            return PatchCheckResult.NotApplying($"the patch does not parse: {e.Message}");
        }

        if (PatchSafety.Check(checkout, files) is { } unsafeReason)
        {
            return PatchCheckResult.Refused(unsafeReason);
        }

        if (files.BinaryWithoutData is { } binary)
        {
            return PatchCheckResult.NotApplying($"binary change without its content, which no tool can apply: {binary}");
        }

        if (files.BinaryData is { } binaryFile)
        {
            // Bytes no one can read in a trajectory or review (a compiled module, an archive) could pass the tests for the agent.
            return PatchCheckResult.NotApplying($"refused: '{binaryFile}' is a binary patch (GIT binary patch); only text changes are evaluated");
        }

        if (files.IsEmpty)
        {
            return PatchCheckResult.NotApplying("the patch changes no file");
        }

        var scratch = Directory.CreateTempSubdirectory("trajbuild-patch-");
        try
        {
            return await TryMethodsAsync(checkout, patch, scratch.FullName, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private async Task<PatchCheckResult> TryMethodsAsync(string checkout, string patch, string scratch, CancellationToken cancellationToken)
    {
        var patchFile = await WriteAsync(scratch, "raw.patch", patch, cancellationToken).ConfigureAwait(false);
        var (code, gitSays) = await GitApplyCheckAsync(checkout, patchFile, scratch, cancellationToken).ConfigureAwait(false);
        if (code == 0)
        {
            return new PatchCheckResult(true, PatchMethod.GitApply, gitSays);
        }

        if (patch.Contains("\r\n", StringComparison.Ordinal))
        {
            var normalized = await WriteAsync(scratch, "lf.patch", WithLfLineEnds(patch), cancellationToken).ConfigureAwait(false);
            var (lfCode, lfSays) = await GitApplyCheckAsync(checkout, normalized, scratch, cancellationToken).ConfigureAwait(false);
            if (lfCode == 0)
            {
                return new PatchCheckResult(true, PatchMethod.GitApplyCrlfNormalized, lfSays);
            }
        }

        if (FindOnPath("patch") is not { } gnuPatch)
        {
            return PatchCheckResult.NotApplying($"git apply: {gitSays} (patch is not installed: no fuzzy fallback)");
        }

        string[] arguments = ["--dry-run", "--batch", "--forward", "-p1", "--fuzz=5", "-i", patchFile];
        var (patchCode, patchSays) = await ToolProcess.RunAsync(gnuPatch, arguments, checkout, scratch, _timeout, cancellationToken).ConfigureAwait(false);
        return patchCode == 0
            ? new PatchCheckResult(true, PatchMethod.PatchFuzz, patchSays)
            : PatchCheckResult.NotApplying($"git apply: {gitSays}\npatch --fuzz=5: {patchSays}");
    }

    public static string WithLfLineEnds(string patch) => patch.Replace("\r\n", "\n", StringComparison.Ordinal);

    private Task<(int ExitCode, string Output)> GitApplyCheckAsync(string checkout, string patchFile, string home, CancellationToken cancellationToken)
    {
        // No hooks or fsmonitor commands: the checkout's own config must not make git run anything.
        string[] arguments = ["-c", "core.hooksPath=" + home, "-c", "core.fsmonitor=false", "apply", "--check", "--verbose", patchFile];
        return ToolProcess.RunAsync("git", arguments, checkout, home, _timeout, cancellationToken);
    }

    private static async Task<string> WriteAsync(string folder, string name, string patch, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, name);
        await File.WriteAllTextAsync(path, patch, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken).ConfigureAwait(false);
        return path;
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}
