using Build.Parameters;
using Build.Workflows.Yaml;

namespace Build.Workflows;

/// <summary>The plan, build and package jobs.</summary>
internal static partial class DatasetBuildWorkflow
{
    private const string PlanLog = "plan-matrix.log";
    private const string ExplainLog = "plan.txt";
    private const int SummaryLines = 500;

    private static string CacheUrl => HostCommand.EnvironmentVariable(ParameterDefinitions.CacheUrl);

    private static string DatasetVariable => HostCommand.EnvironmentVariable(ParameterDefinitions.Dataset);

    private static string PlannedCacheUrl => Expressions.Of("needs.plan.outputs.cache-url");

    private static YamlMap PlanJob() => new(
        ("name", "plan"),
        ("runs-on", Runner.Label),
        ("timeout-minutes", Runner.ShortJobMinutes),
        ("outputs", new YamlMap(
            ("stale", Expressions.Of("steps.matrix.outputs.stale")),
            ("matrix", Expressions.Of("steps.matrix.outputs.matrix")),
            ("cache-url", Expressions.Of("steps.matrix.outputs.cache-url")))),
        ("env", new YamlMap(
        [
            .. CacheAccess.Environment(write: false),
            // A stage chosen for the legs bounds the plan the same way.
            (HostCommand.EnvironmentVariable(ParameterDefinitions.Stage),
                Expressions.Of($"inputs.{TargetsInput} != {Expressions.Literal(HostCommand.Build)} && inputs.{TargetsInput} || ''")),
            (HostCommand.EnvironmentVariable(ParameterDefinitions.MaxShards),
                Expressions.Of($"inputs.{MaxShardsInput} || vars.{HostCommand.EnvironmentVariable(ParameterDefinitions.MaxShards)}")),
        ])),
        ("steps", new YamlSequence(
            Steps.Checkout(),
            Steps.SetupDotnet(),
            Steps.CheckDocker(asRoot: false),
            Steps.Run("Plan the build legs", PlanScript(), id: "matrix", env: new YamlMap(("FORCE", Expressions.Of($"inputs.{ForceInput} || false")))),
            Steps.Run("Explain the plan", ExplainScript(), env: new YamlMap((CacheUrl, Expressions.Of("steps.matrix.outputs.cache-url")))),
            Steps.Upload("Upload the plan", "plan", [PlanLog, ExplainLog], always: true))));

    private static string PlanScript() => $$"""
        if [ -z "${{{CacheUrl}}:-}" ] && [ "$GITHUB_EVENT_NAME" != pull_request ]; then
          echo "::error::Set the repository variable {{CacheAccess.UrlVariable}}: the build legs share their work only through the shared cache (docs/ci.md)."
          exit 1
        fi
        if [ "$FORCE" = true ]; then
          # A fresh, empty part of the cache: nothing cached is read, and the legs still share what they build.
          export {{CacheUrl}}="${{{CacheUrl}}%/}/force/$GITHUB_RUN_ID-$GITHUB_RUN_ATTEMPT/"
        fi
        echo "cache-url=${{{CacheUrl}}:-}" >> "$GITHUB_OUTPUT"
        {{HostCommand.Run(HostCommand.Plan, ParameterDefinitions.Matrix.Option)}} | tee {{PlanLog}}
        {{Shell.MatrixLine(PlanLog)}}
        echo "stale=$(jq -r '.stale' <<<"$line")" >> "$GITHUB_OUTPUT"
        # The matrix gets the legs alone: GitHub reads every other key as one more matrix dimension.
        echo "matrix=$(jq -c '{shard: .shard}' <<<"$line")" >> "$GITHUB_OUTPUT"
        jq -r '"**\(.targets) targets will run** (\(.pending) more once their upstream is built), in \(.work_units) work units: **\(.shards) build legs**."' <<<"$line" >> "$GITHUB_STEP_SUMMARY"

        """;

    private static string ExplainScript() => $$"""
        {{HostCommand.Run(HostCommand.Plan, ParameterDefinitions.Explain.Option)}} | tee {{ExplainLog}}
        {
          echo '### Why: {{HostCommand.Run(HostCommand.Plan, ParameterDefinitions.Explain.Option)}}'
          echo '```'
          head -n {{SummaryLines}} {{ExplainLog}}
          echo '```'
          lines="$(wc -l < {{ExplainLog}})"
          if [ "$lines" -gt {{SummaryLines}} ]; then echo "The first {{SummaryLines}} of $lines lines; the plan artifact holds them all."; fi
          if [ "$GITHUB_EVENT_NAME" = pull_request ]; then echo "A pull request gets this plan only, with read-only cache access; the build runs after the merge."; fi
        } >> "$GITHUB_STEP_SUMMARY"

        """;

    private static YamlMap BuildJob() => new(
        ("name", $"build {Expressions.Of("matrix.shard")}"),
        ("needs", "plan"),
        ("if", $"needs.plan.outputs.stale == 'true' && {Expressions.IsNotPullRequest}"),
        ("runs-on", Runner.Label),
        ("timeout-minutes", Runner.LegMinutes),
        // Every leg waits on the cache for the targets the others own, so all must run at once: no max-parallel, and
        // one failed leg cancels the rest rather than leave them waiting for what it will never upload.
        ("strategy", new YamlMap(("fail-fast", true), ("matrix", Expressions.Of("fromJSON(needs.plan.outputs.matrix)")))),
        ("env", new YamlMap([.. BuildEnvironment(), ("TARGET", LegTarget), ("SHARD", Expressions.Of("matrix.shard"))])),
        ("steps", new YamlSequence(
            Steps.Checkout(),
            Steps.SetupDotnet(),
            Steps.InstallDebootstrap(),
            Steps.CheckDocker(asRoot: true),
            Steps.Run("Build this leg", LegScript()),
            Steps.Upload("Upload this leg's log", $"build-leg-{Expressions.Of("strategy.job-index")}", ["build.log", ".trajbuild/runs/last.json"], always: true))));

    private static string LegScript() => $$"""
        {{Shell.AsRoot}}
        "${as_root[@]}" {{HostCommand.Script}} "$TARGET" {{ParameterDefinitions.Shard.Option}} "$SHARD" 2>&1 | tee build.log
        # A cache never fails a build, but the other legs wait for what this one uploads: fail, so they are cancelled.
        if grep -E -q '^Remote cache: .*({{UploadFailurePhrases}})' build.log; then
          echo "::error::This leg could not upload to the shared cache, so the other legs would wait for its targets in vain: check {{CacheAccess.UrlVariable}} and the write credentials."
          exit 1
        fi

        """;

    /// <summary>What trajbuild's last cache line says when uploads stopped (BuildCommand): a leg must not pass then.</summary>
    public const string UploadFailurePhrases = "left alone after failures|uploads stopped after refusals";

    private static YamlMap PackageJob() => new(
        ("name", "package"),
        ("needs", YamlSequence.Of(["plan", "build"])),
        // Only after the whole build: a stage alone leaves the package's upstream unbuilt.
        ("if", $"needs.build.result == 'success' && {Expressions.IsNotPullRequest} && contains(fromJSON('[\"{HostCommand.Build}\", \"{HostCommand.Package}\"]'), inputs.{TargetsInput} || {Expressions.Literal(HostCommand.Build)})"),
        ("runs-on", Runner.Label),
        ("timeout-minutes", Runner.LegMinutes),
        ("env", new YamlMap(BuildEnvironment())),
        ("steps", new YamlSequence(
            Steps.Checkout(),
            Steps.SetupDotnet(),
            Steps.InstallDebootstrap(),
            Steps.CheckDocker(asRoot: true),
            Steps.Run("Assemble the package from the cache", $$"""
                {{Shell.AsRoot}}
                "${as_root[@]}" {{HostCommand.Run(HostCommand.Package)}} 2>&1 | tee package.log

                """),
            Steps.Run("Copy the corpora out of the cache", $$"""
                {{Shell.AsRoot}}
                # The corpora are the Package targets' outputs, in the cache; trajbuild show copies them, one folder per dataset:
                # the datasets this run built, or every dataset in the lock.
                mkdir -p artifacts/package
                if [ -n "${{{DatasetVariable}}:-}" ]; then
                  tr ',' '\n' <<<"${{DatasetVariable}}" | sed 's/^ *//; s/ *$//; /^$/d; s|^|{{PackagePrefix}}|'
                else
                  jq -r '.targets | keys[] | select(startswith("{{PackagePrefix}}"))' {{LockFile}}
                fi | while IFS= read -r target; do
                  {{Shell.Trajbuild("\"${as_root[@]}\" ")}} show "$target" --out "artifacts/package/${target#{{PackagePrefix}}}"
                done

                """),
            Steps.Upload("Upload the package", "package", ["artifacts/package/", LockFile, "package.log"], always: true))));

    /// <summary>The Package target of a dataset is <c>Package/dataset/NAME</c>.</summary>
    public static string PackagePrefix => $"{HostCommand.Package}/dataset/";

    // Build legs and the package job: the planned cache URL (forced runs get their own part), the write credentials,
    // the shard timeout and the engine's parallelism from repository variables.
    private static (string Key, YamlNode? Value)[] BuildEnvironment() =>
    [
        (CacheUrl, PlannedCacheUrl),
        .. CacheAccess.Credentials(write: true),
        (HostCommand.EnvironmentVariable(ParameterDefinitions.ShardTimeout),
            Expressions.Of($"vars.{HostCommand.EnvironmentVariable(ParameterDefinitions.ShardTimeout)} || {Expressions.Literal(Runner.ShardTimeout)}")),
        (HostCommand.EnvironmentVariable(ParameterDefinitions.Jobs), Expressions.Variable(HostCommand.EnvironmentVariable(ParameterDefinitions.Jobs))),
    ];
}
