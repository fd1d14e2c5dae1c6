using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Build.Parameters;
using Build.Targets;

namespace Build.Tests.Workflows;

/// <summary>
/// What a workflow of this repository must get right, each rule a list of problems (empty when it holds). The rules
/// read the workflow as GitHub does, not the generator, so a hand edit or a generator bug fails them alike.
/// </summary>
internal static partial class WorkflowRules
{
    /// <summary>The credentials trajbuild reads from the environment (RemoteCacheOptions.FromUrl).</summary>
    public static readonly string[] CredentialVariables = ["TRAJBUILD_CACHE_TOKEN", "TRAJBUILD_CACHE_USER", "TRAJBUILD_CACHE_PASSWORD"];

    private static readonly string[] s_allowedActions = ["actions/checkout", "actions/setup-dotnet", "actions/upload-artifact", "actions/download-artifact"];

    public static IReadOnlyDictionary<string, Func<Workflow, IEnumerable<string>>> All { get; } = new Dictionary<string, Func<Workflow, IEnumerable<string>>>
    {
        [nameof(HostCommands)] = HostCommands,
        [nameof(HostEnvironment)] = HostEnvironment,
        [nameof(Timeouts)] = Timeouts,
        [nameof(PinnedActions)] = PinnedActions,
        [nameof(Permissions)] = Permissions,
        [nameof(Concurrency)] = Concurrency,
        [nameof(PullRequests)] = PullRequests,
        [nameof(SecretsOnlyInEnvironment)] = SecretsOnlyInEnvironment,
        [nameof(LegsRunTogether)] = LegsRunTogether,
        [nameof(LogsUploaded)] = LogsUploaded,
    };

    /// <summary>Every <c>./build.sh X --option</c> in a run step names a host target and host parameters.</summary>
    public static IEnumerable<string> HostCommands(Workflow workflow)
    {
        var targets = BuildTargets.All.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var options = ParameterDefinitions.All.Select(p => p.Name).Concat(["help", "plan"]).ToHashSet(StringComparer.Ordinal);
        foreach (var (job, step) in workflow.Steps)
        {
            foreach (Match call in HostCall().Matches(Run(step)))
            {
                var target = call.Groups["target"].Value;
                var problems = target.StartsWith('"') || target.StartsWith('$')
                    ? TargetsFromEnvironment(workflow, job, step, target.Trim('"', '$'), targets)
                    : targets.Contains(target) ? [] : [$"./build.sh {target}: the host has no target {target}"];
                foreach (var problem in problems)
                {
                    yield return $"{workflow.Name} {job}: {problem}";
                }

                foreach (Match option in Option().Matches(call.Groups["rest"].Value))
                {
                    if (!options.Contains(option.Groups["name"].Value))
                    {
                        yield return $"{workflow.Name} {job}: ./build.sh {target} --{option.Groups["name"].Value}: the host has no such parameter";
                    }
                }
            }
        }
    }

    /// <summary>Every TRAJBUILD_* variable a job sets is a host parameter's or a credential trajbuild reads.</summary>
    public static IEnumerable<string> HostEnvironment(Workflow workflow)
    {
        var known = ParameterDefinitions.All.Select(p => p.EnvironmentVariable).OfType<string>().Concat(CredentialVariables).ToHashSet(StringComparer.Ordinal);
        var maps = new[] { workflow.Root["env"] }
            .Concat(workflow.Jobs.Select(j => j.Value!["env"]))
            .Concat(workflow.Steps.Select(s => s.Step["env"]))
            .OfType<JsonObject>();
        return maps.SelectMany(m => m.Select(e => e.Key))
            .Where(k => k.StartsWith("TRAJBUILD_", StringComparison.Ordinal) && !known.Contains(k))
            .Select(k => $"{workflow.Name}: {k} is neither a build host parameter's variable nor a cache credential");
    }

    public static IEnumerable<string> Timeouts(Workflow workflow) =>
        workflow.Jobs
            .Where(j => j.Value!["timeout-minutes"] is not JsonValue value || !value.TryGetValue<long>(out var minutes) || minutes <= 0)
            .Select(j => $"{workflow.Name} {j.Key}: no timeout-minutes");

    /// <summary>Every action is GitHub's own, pinned to a full commit SHA with the release in a comment.</summary>
    public static IEnumerable<string> PinnedActions(Workflow workflow)
    {
        foreach (var (job, step) in workflow.Steps)
        {
            if (step["uses"]?.GetValue<string>() is { } uses
                && (!Pinned().IsMatch(uses) || !s_allowedActions.Contains(uses.Split('@')[0], StringComparer.Ordinal)))
            {
                yield return $"{workflow.Name} {job}: {uses} is not one of GitHub's actions pinned to a commit SHA";
            }
        }

        foreach (var line in workflow.Text.Split('\n').Where(l => l.TrimStart().TrimStart('-').TrimStart().StartsWith("uses:", StringComparison.Ordinal)))
        {
            if (!PinnedLine().IsMatch(line))
            {
                yield return $"{workflow.Name}: '{line.Trim()}' is not 'uses: owner/repo@<40 hex> # vX.Y.Z'";
            }
        }
    }

    /// <summary>Read-only at the top; a job that may write runs none of the repository's code.</summary>
    public static IEnumerable<string> Permissions(Workflow workflow)
    {
        if (workflow.Root["permissions"] is not JsonObject top || top.Count == 0 || top.Any(p => p.Value?.GetValue<string>() is not ("read" or "none")))
        {
            yield return $"{workflow.Name}: the top-level permissions are not all read or none";
        }

        foreach (var (job, definition) in WritingJobs(workflow))
        {
            var steps = definition["steps"]!.AsArray().Select(s => s!.AsObject()).ToList();
            if (steps.Any(s => s["uses"]?.GetValue<string>().StartsWith("actions/checkout@", StringComparison.Ordinal) == true || Run(s).Contains("./build.sh", StringComparison.Ordinal)))
            {
                yield return $"{workflow.Name} {job}: may write, and checks out or runs the repository's code";
            }
        }
    }

    public static IEnumerable<(string Job, JsonObject Definition)> WritingJobs(Workflow workflow) =>
        workflow.Jobs
            .Where(j => j.Value!["permissions"] is JsonValue all ? all.GetValue<string>() != "read-all" : j.Value!["permissions"] is JsonObject p && p.Any(e => e.Value?.GetValue<string>() == "write"))
            .Select(j => (j.Key, j.Value!.AsObject()));

    public static IEnumerable<string> Concurrency(Workflow workflow)
    {
        if (workflow.Root["concurrency"]?["group"]?.GetValue<string>() is not { } group || !group.Contains("github.ref", StringComparison.Ordinal))
        {
            yield return $"{workflow.Name}: no concurrency group per ref";
        }
    }

    /// <summary>
    /// A job that can run for a pull request gets no write access to the cache: no --shard, the read-only switch on,
    /// only the read-only credentials.
    /// </summary>
    public static IEnumerable<string> PullRequests(Workflow workflow)
    {
        var on = workflow.Root["on"]!.AsObject();
        if (on.ContainsKey("pull_request_target"))
        {
            yield return $"{workflow.Name}: pull_request_target runs untrusted code with the repository's secrets";
        }

        if (!on.ContainsKey("pull_request"))
        {
            yield break;
        }

        foreach (var (job, definition) in workflow.Jobs.Select(j => (j.Key, j.Value!.AsObject())))
        {
            if (definition["if"]?.GetValue<string>() is { } condition && condition.Contains("github.event_name != 'pull_request'", StringComparison.Ordinal))
            {
                continue;
            }

            var text = definition.ToJsonString();
            if (text.Contains("--shard", StringComparison.Ordinal) || text.Contains("\"TRAJBUILD_SHARD\"", StringComparison.Ordinal))
            {
                yield return $"{workflow.Name} {job}: runs for pull requests and builds a shard (legs upload)";
            }

            foreach (Match secret in SecretReference().Matches(text))
            {
                if (!secret.Groups["name"].Value.Contains("_READ_", StringComparison.Ordinal))
                {
                    yield return $"{workflow.Name} {job}: runs for pull requests with the secret {secret.Groups["name"].Value}, not a read-only one";
                }
            }

            var readOnly = HostCommand(ParameterDefinitions.CacheReadOnly);
            var settings = new[] { workflow.Root["env"]?[readOnly], definition["env"]?[readOnly] }
                .Concat(definition["steps"]!.AsArray().Select(s => s!["env"]?[readOnly]))
                .OfType<JsonValue>()
                .Select(v => v.TryGetValue<string>(out var text) ? text : v.ToJsonString())
                .ToList();
            if (settings.Count == 0 || settings.Any(v => v is not ("true" or "${{ github.event_name == 'pull_request' }}")))
            {
                yield return $"{workflow.Name} {job}: runs for pull requests without {readOnly} on (settings: {string.Join(", ", settings)})";
            }
        }
    }

    /// <summary>Secrets only as environment variables (never in a script, a with: or a condition); no expression in a script.</summary>
    public static IEnumerable<string> SecretsOnlyInEnvironment(Workflow workflow)
    {
        foreach (var (path, value) in Strings(workflow.Root, "$"))
        {
            if (value.Contains("secrets.", StringComparison.Ordinal) && !EnvironmentEntry().IsMatch(path))
            {
                yield return $"{workflow.Name}: {path} names a secret outside an env: map";
            }
        }

        foreach (var (job, step) in workflow.Steps)
        {
            if (Run(step).Contains("${{", StringComparison.Ordinal))
            {
                yield return $"{workflow.Name} {job}: '{step["name"]}' expands an expression inside its script (pass it through env:)";
            }
        }
    }

    /// <summary>Sharded legs wait for each other on the cache: all run at once, and one failure cancels the rest.</summary>
    public static IEnumerable<string> LegsRunTogether(Workflow workflow)
    {
        foreach (var (job, definition) in workflow.Jobs.Select(j => (j.Key, j.Value!.AsObject())))
        {
            if (definition["strategy"] is not JsonObject strategy)
            {
                continue;
            }

            if (strategy.ContainsKey("max-parallel"))
            {
                yield return $"{workflow.Name} {job}: max-parallel would leave legs queued while the others wait for them";
            }

            if (strategy["fail-fast"]?.GetValue<bool>() != true)
            {
                yield return $"{workflow.Name} {job}: without fail-fast the other legs wait for a failed leg until --shard-timeout";
            }
        }
    }

    /// <summary>A job that runs the build host uploads what it leaves, even when it fails.</summary>
    public static IEnumerable<string> LogsUploaded(Workflow workflow) =>
        workflow.Jobs
            .Where(j => j.Value!["steps"]!.AsArray().Any(s => Run(s!.AsObject()).Contains("./build.sh", StringComparison.Ordinal)))
            .Where(j => !j.Value!["steps"]!.AsArray().Any(s =>
                s!["uses"]?.GetValue<string>().StartsWith("actions/upload-artifact@", StringComparison.Ordinal) == true
                && s["if"]?.GetValue<string>() == "always()"))
            .Select(j => $"{workflow.Name} {j.Key}: runs ./build.sh and uploads no artifact when it fails");

    public static string Run(JsonObject step) => step["run"]?.GetValue<string>() ?? string.Empty;

    private static string HostCommand(ParameterDefinition parameter) => parameter.EnvironmentVariable!;

    // `./build.sh "$TARGET"`: the variable's value comes from env; its literals and the dispatch input it reads must be targets.
    private static List<string> TargetsFromEnvironment(Workflow workflow, string job, JsonObject step, string variable, HashSet<string> targets)
    {
        var value = (step["env"]?[variable] ?? workflow.Jobs[job]!["env"]?[variable] ?? workflow.Root["env"]?[variable])?.GetValue<string>();
        if (value is null)
        {
            return [$"./build.sh \"${variable}\": {variable} is not set"];
        }

        var problems = Literal().Matches(value).Select(m => m.Groups["text"].Value).Where(t => !targets.Contains(t))
            .Select(t => $"./build.sh \"${variable}\": '{t}' is not a host target").ToList();
        foreach (Match input in InputReference().Matches(value))
        {
            var name = input.Groups["name"].Value;
            var definition = workflow.Root["on"]?["workflow_dispatch"]?["inputs"]?[name];
            var choices = definition?["options"]?.AsArray().Select(o => o!.GetValue<string>()).ToList();
            if (definition?["type"]?.GetValue<string>() != "choice" || choices is null)
            {
                problems.Add($"./build.sh \"${variable}\": the input {name} is not a choice of host targets");
                continue;
            }

            problems.AddRange(choices.Where(c => !targets.Contains(c)).Select(c => $"the input {name} offers {c}, which is not a host target"));
        }

        return problems;
    }

    private static IEnumerable<(string Path, string Value)> Strings(JsonNode? node, string path) => node switch
    {
        JsonObject map => map.SelectMany(e => Strings(e.Value, $"{path}.{e.Key}")),
        JsonArray list => list.SelectMany((item, i) => Strings(item, $"{path}[{i}]")),
        JsonValue value when value.TryGetValue<string>(out var text) => [(path, text)],
        _ => [],
    };

    [GeneratedRegex("""\./build\.sh\s+(?<target>"\$\w+"|\$\w+|[^\s|;&>)'"]+)(?<rest>[^\n|;&>]*)""")]
    private static partial Regex HostCall();

    [GeneratedRegex(@"(?<![\w-])--(?<name>[a-z][a-z0-9-]*)")]
    private static partial Regex Option();

    [GeneratedRegex("^actions/[a-z-]+@[0-9a-f]{40}$")]
    private static partial Regex Pinned();

    [GeneratedRegex(@"^\s*(- )?uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")]
    private static partial Regex PinnedLine();

    [GeneratedRegex(@"secrets\.(?<name>[A-Za-z0-9_]+)")]
    private static partial Regex SecretReference();

    [GeneratedRegex(@"\.env\.[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentEntry();

    [GeneratedRegex("'(?<text>[^']*)'")]
    private static partial Regex Literal();

    [GeneratedRegex(@"inputs\.(?<name>[\w-]+)")]
    private static partial Regex InputReference();
}
