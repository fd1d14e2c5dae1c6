using System.Text.RegularExpressions;
using TrajectoryBuild.Containers.Tests;
using TrajectoryBuild.Scheduling;
using TrajectoryBuild.State;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Cli.Tests;

/// <summary>
/// The stamp of a no-op plan must watch everything a full plan reads, or a change to an unwatched file would be
/// answered with "nothing to do". This audits it on the built demo with strace: every path under the workspace that
/// a full plan of the real pipeline opens or looks at is watched, directly, inside a watched folder, or inside a
/// watched cache folder; and the plan answered from the stamp prints the same bytes without opening a cache entry.
/// </summary>
public sealed partial class PlanStampAuditTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task FullPlanOfTheBuiltDemo_ReadsNothingItsStampDoesNotWatch()
    {
        await Requires.DockerAsync();
        if (!File.Exists("/usr/bin/strace"))
        {
            Requires.SkipOrFailInCi("strace is not installed (apt-get install -y strace)", ".ci/run installs strace");
        }

        var manifest = DemoWorkspace.CopyDemo(_temp, "demo");
        var workspace = Path.GetDirectoryName(manifest)!;
        var (code, built, errors) = await CliRunner.RunRealAsync("build", "--manifest", manifest);
        code.ShouldBe(0, built + errors);
        FileClock.WaitForNextTick();

        var stamped = await RunAsync(workspace, ["plan"], trace: null);
        var stamp = Directory.GetFiles(Path.Combine(workspace, ".trajbuild", "plan"), "*.stamp").ShouldHaveSingleItem();
        var full = await RunAsync(workspace, ["plan", "--no-stamp"], trace: _temp.Combine("full.trace"));
        var kept = await RunAsync(workspace, ["plan"], trace: _temp.Combine("kept.trace"));

        stamped.ShouldContain("Nothing to do.");
        full.ShouldBe(stamped);
        kept.ShouldBe(stamped);
        var cacheEntries = Path.Combine(workspace, ".trajbuild", "cache", "ac") + "/";
        Touched(_temp.Combine("full.trace")).Count(p => p.StartsWith(cacheEntries, StringComparison.Ordinal) && p.Length > cacheEntries.Length + 3)
            .ShouldBeGreaterThan(0, "the full plan reads the cache entries");
        Touched(_temp.Combine("kept.trace")).Where(p => p.StartsWith(cacheEntries, StringComparison.Ordinal) && p.Length > cacheEntries.Length + 3)
            .ShouldBeEmpty("the plan answered from the stamp opens no cache entry");

        var watched = PlanStamp.WatchedPaths(stamp);
        var exact = watched.Select(w => w.Path).ToHashSet(StringComparer.Ordinal);
        var folders = watched.Where(w => w.Kind == FileKind.Directory).Select(w => w.Path + "/").ToList();
        var cache = Path.Combine(workspace, ".trajbuild", "cache") + "/";
        // The schema memo is read before planning, to skip validating a manifest that passed before; it holds only
        // documents that passed, so it decides how long loading takes, never what the plan says.
        var memo = Path.Combine(workspace, ".trajbuild", Manifest.SchemaMemo.FileName);
        var unwatched = Touched(_temp.Combine("full.trace"))
            .Where(p => p.StartsWith(workspace + "/", StringComparison.Ordinal) && !exact.Contains(p) && p != memo)
            .Where(p => !(p.StartsWith(cache, StringComparison.Ordinal) && exact.Contains(Path.GetDirectoryName(p)!)))
            .Where(p => !folders.Any(f => p.StartsWith(f, StringComparison.Ordinal)))
            .ToList();
        unwatched.ShouldBeEmpty($"a full plan read these, and the stamp does not watch them:\n  {string.Join("\n  ", unwatched)}");
    }

    private static async Task<string> RunAsync(string workspace, string[] args, string? trace)
    {
        IReadOnlyList<string>? launcher = trace is null ? null : ["strace", "-f", "-qq", "-o", trace, "-e", "trace=%file,getdents64"];
        using var child = ChildProcess.Start("trajbuild", args, workspace, launcher: launcher);
        var code = await child.WaitAsync(s_timeout);
        if (code != 0 && trace is not null && child.Stderr.Contains("ptrace", StringComparison.Ordinal))
        {
            Requires.SkipOrFailInCi($"strace cannot trace here: {child.Stderr.Trim()}", "CI runs as root, where strace may trace its children");
        }

        code.ShouldBe(0, child.Stdout + child.Stderr);
        return child.Stdout;
    }

    // Every absolute path a traced system call named, and for getdents64 the folder read (by its open file).
    private static List<string> Touched(string trace) =>
        [.. File.ReadLines(trace).SelectMany(line => QuotedPath().Matches(line).Select(m => Path.TrimEndingDirectorySeparator(m.Groups[1].Value))).Distinct(StringComparer.Ordinal)];

    [GeneratedRegex("\"(/[^\"]*)\"")]
    private static partial Regex QuotedPath();
}
