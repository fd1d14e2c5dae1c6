using System.Text.RegularExpressions;

namespace TrajectoryBuild.Reproduction.Parsing;

/// <summary>
/// A failed test (or, when the log does not say which, the run) that met a refusal of the sandbox: the network
/// (<see cref="SandboxRefusals.Network"/>) or a file outside the run's own folders (<see cref="SandboxRefusals.OutsideWorkspace"/>).
/// <paramref name="Evidence"/> is the error as the log words it (<c>[Errno 101] Network is unreachable</c>): that part of
/// the line only, so that the report keeps its bytes from build to build (a line may hold an object's address).
/// </summary>
internal sealed record SandboxRefusal(string Kind, string? Test, string Evidence);

/// <summary>
/// Finds in a test log what the sandbox refused. Runs have no network (a connection gets <c>ENETUNREACH</c>, a name
/// lookup fails) and may write only in their own folders (elsewhere: <c>EACCES</c> or <c>EROFS</c>). The error's line is
/// tied to the failed test it belongs to through pytest's failure sections (<c>____ test_name ____</c>, matched to the
/// failed ids) or its <c>-rA</c> summary line (<c>FAILED id - message</c>, when pytest did not shorten it); a line
/// outside any test's section is the run's.
/// </summary>
internal static partial class SandboxRefusals
{
    public const string Network = "network";
    public const string OutsideWorkspace = "outside-workspace";

    // Evidence is cut to this many characters; lines longer than LineChars are looked at only up to there.
    private const int EvidenceChars = 240;
    private const int LineChars = 4096;

    // A log full of refusals still gives a report of bounded size.
    private const int MaxRefusals = 100;

    /// <param name="output">The test output (the part between the markers).</param>
    /// <param name="statuses">The run's parsed statuses: only failed tests are tied to a refusal.</param>
    /// <param name="workspaces">Absolute folders the run may write in: a refused write there is the test's own business.</param>
    public static IReadOnlyList<SandboxRefusal> Find(string output, IReadOnlyDictionary<string, TestStatus> statuses, IReadOnlyCollection<string> workspaces)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(statuses);
        ArgumentNullException.ThrowIfNull(workspaces);
        var failed = statuses.Where(s => TestStatuses.IsFailure(s.Value)).Select(s => s.Key).Order(StringComparer.Ordinal).ToList();
        var tied = new Dictionary<(string Kind, string Test), string>();
        var untied = new Dictionary<string, string>(StringComparer.Ordinal);
        string? section = null;
        foreach (var raw in LogLines.Split(output))
        {
            var line = LogLines.StripAnsi(raw.Length > LineChars ? raw[..LineChars] : raw).Trim();
            if (SectionHeader().Match(line) is { Success: true } header)
            {
                section = header.Groups["name"].Value;
                continue;
            }

            if (BannerLine().IsMatch(line))
            {
                section = null;
                continue;
            }

            if (Refusal(line, workspaces) is not var (kind, error))
            {
                continue;
            }

            // A summary line names its test; a line in a section belongs to that section's test (one that passed, with
            // -rA, or that the ids do not show: not a failure to explain); a line outside both is the run's.
            var evidence = error.Length > EvidenceChars ? error[..EvidenceChars] + "..." : error;
            if (PytestParser.TryParseLine(line, out var id, out var status) && statuses.ContainsKey(id))
            {
                if (TestStatuses.IsFailure(status))
                {
                    tied.TryAdd((kind, id), evidence);
                }
            }
            else if (section is not null)
            {
                foreach (var test in InSection(section, failed))
                {
                    tied.TryAdd((kind, test), evidence);
                }
            }
            else
            {
                untied.TryAdd(kind, evidence);
            }
        }

        var found = tied.Select(t => new SandboxRefusal(t.Key.Kind, t.Key.Test, t.Value)).ToList();
        found.AddRange(untied.Where(u => !tied.Keys.Any(t => t.Kind == u.Key)).Select(u => new SandboxRefusal(u.Key, null, u.Value)));
        return [.. found.OrderBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Test, StringComparer.Ordinal).Take(MaxRefusals)];
    }

    /// <summary>The kind of refusal <paramref name="line"/> shows and its error's words, or null.</summary>
    internal static (string Kind, string Error)? Refusal(string line, IReadOnlyCollection<string> workspaces)
    {
        if (NetworkError().Match(line) is { Success: true } network)
        {
            return (Network, network.Value);
        }

        if (!line.Contains("Permission denied", StringComparison.Ordinal) && !line.Contains("Read-only file system", StringComparison.Ordinal))
        {
            return null;
        }

        foreach (Match match in RefusedAccess().Matches(line))
        {
            var path = match.Groups["path"].Value;
            if (!workspaces.Any(folder => Within(path, folder)))
            {
                return (OutsideWorkspace, match.Value);
            }
        }

        return null;
    }

    // pytest heads a failure with the test's domain: "test_x", "TestC.test_x", "test_x[1-2]"; the ids end with it as
    // "::test_x", "::TestC::test_x", "::test_x[1-2]". Setup and teardown errors say "ERROR at setup of test_x".
    private static List<string> InSection(string section, List<string> failed)
    {
        var name = SetupPrefix().Replace(section, string.Empty);
        var bracket = name.IndexOf('[', StringComparison.Ordinal);
        var (head, parameters) = bracket < 0 ? (name, string.Empty) : (name[..bracket], name[bracket..]);
        var suffix = "::" + head.Replace(".", "::", StringComparison.Ordinal) + parameters;
        return [.. failed.Where(id => id.EndsWith(suffix, StringComparison.Ordinal) || id == name)];
    }

    private static bool Within(string path, string folder)
    {
        var root = folder.TrimEnd('/');
        return path == root || path.StartsWith(root + "/", StringComparison.Ordinal);
    }

    // ENETUNREACH (a connection with no route), and the resolver's failures with no network (EAI_AGAIN, EAI_NONAME,
    // EAI_NODATA), as Python, curl, git, Node and requests word them.
    [GeneratedRegex(@"(\[Errno 101\] )?Network is unreachable|(\[Errno -3\] )?Temporary failure in name resolution|(\[Errno -2\] )?Name or service not known|(\[Errno -5\] )?No address associated with hostname|Could not resolve host(: [\w.-]+)?|getaddrinfo (ENOTFOUND|EAI_AGAIN)( [\w.-]+)?|\[Errno (101|-3|-2|-5)\]|ENETUNREACH|EAI_AGAIN")]
    private static partial Regex NetworkError();

    // An access refused at an absolute path (a write, or a read of what the run may not read): Python's "[Errno 13]
    // Permission denied: '/etc/x'" (and 30, read-only file system), coreutils' "cannot touch '/etc/x': Permission
    // denied", the shell's "bash: /etc/x: Permission denied". A bare path starts a word: tried from every slash of a
    // line of slashes, the expression would take time in the square of the line's length.
    [GeneratedRegex(@"\[Errno (13|30)\] (Permission denied|Read-only file system): '(?<path>/[^']*)'|'(?<path>/[^']*)': (Permission denied|Read-only file system)|(?<!\S)(?<path>/[^\s:']+): (Permission denied|Read-only file system)")]
    private static partial Regex RefusedAccess();

    [GeneratedRegex(@"^_{3,} (?<name>\S.*?) _{3,}$")]
    private static partial Regex SectionHeader();

    // A "=" banner ("==== FAILURES ====", "==== short test summary info ====") closes the last test's section; a "-"
    // one ("---- Captured stdout call ----") is part of it.
    [GeneratedRegex(@"^={3,}( .* ={3,})?$")]
    private static partial Regex BannerLine();

    [GeneratedRegex(@"^ERROR at (setup|teardown) of ")]
    private static partial Regex SetupPrefix();
}
