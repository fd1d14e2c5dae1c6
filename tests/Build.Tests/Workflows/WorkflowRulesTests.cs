using System.Text.RegularExpressions;
using Build.Workflows;
using TrajectoryBuild.Cli;

namespace Build.Tests.Workflows;

public sealed partial class WorkflowRulesTests
{
    public static TheoryData<string, string> FilesAndRules =>
        [.. Workflow.Committed().SelectMany(w => WorkflowRules.All.Keys.Select(rule => (w.Name, rule)))];

    [Theory]
    [MemberData(nameof(FilesAndRules))]
    public void CommittedWorkflow_KeepsTheRule(string file, string rule)
    {
        var problems = WorkflowRules.All[rule](Committed(file)).ToList();

        problems.ShouldBeEmpty(string.Join('\n', problems));
    }

    // Each rule fails on the mistake it exists for: the committed file with one edit.
    [Theory]
    [InlineData(nameof(WorkflowRules.PinnedActions), "dataset-build.yml", "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2", "actions/checkout@v4")]
    [InlineData(nameof(WorkflowRules.PinnedActions), "dataset-release.yml", "d3f86a106a0bac45b974a628896c90dbdf5c8093 # v4.3.0", "d3f86a106a0bac45b974a628896c90dbdf5c8093")]
    [InlineData(nameof(WorkflowRules.PinnedActions), "dataset-release.yml", "actions/download-artifact@", "someone/download-artifact@")]
    [InlineData(nameof(WorkflowRules.Timeouts), "dataset-build.yml", "    timeout-minutes: 4320\n", "")]
    [InlineData(nameof(WorkflowRules.HostCommands), "dataset-build.yml", "./build.sh Plan --matrix", "./build.sh Plans --matrix")]
    [InlineData(nameof(WorkflowRules.HostCommands), "dataset-build.yml", "./build.sh Plan --explain", "./build.sh Plan --explian")]
    [InlineData(nameof(WorkflowRules.HostCommands), "dataset-build.yml", "          - Package\n", "          - Packge\n")]
    [InlineData(nameof(WorkflowRules.HostCommands), "dataset-build.yml", "TARGET: ${{ inputs.targets || 'Build' }}", "TARGET: ${{ inputs.targets || 'Bild' }}")]
    [InlineData(nameof(WorkflowRules.HostCommands), "dataset-release.yml", "./build.sh Package --cache-read-only", "./build.sh Package --cache-readonly")]
    [InlineData(nameof(WorkflowRules.HostEnvironment), "dataset-build.yml", "TRAJBUILD_MAX_SHARDS: ${{", "TRAJBUILD_MAXSHARDS: ${{")]
    [InlineData(nameof(WorkflowRules.Permissions), "dataset-build.yml", "permissions:\n  contents: read", "permissions:\n  contents: write")]
    [InlineData(nameof(WorkflowRules.Permissions), "dataset-build.yml", "    timeout-minutes: 4320\n    strategy:", "    timeout-minutes: 4320\n    permissions:\n      contents: write\n    strategy:")]
    [InlineData(nameof(WorkflowRules.Permissions), "dataset-release.yml", "    steps:\n      - name: Download", "    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n      - name: Download")]
    [InlineData(nameof(WorkflowRules.Concurrency), "dataset-release.yml", "  group: dataset-release-${{ github.ref }}\n", "  group: dataset-release\n")]
    [InlineData(nameof(WorkflowRules.PullRequests), "dataset-build.yml", "TRAJBUILD_CACHE_TOKEN: ${{ secrets.TRAJBUILD_CACHE_READ_TOKEN }}", "TRAJBUILD_CACHE_TOKEN: ${{ secrets.TRAJBUILD_CACHE_TOKEN }}")]
    [InlineData(nameof(WorkflowRules.PullRequests), "dataset-build.yml", "./build.sh Plan --matrix | tee", "./build.sh Build --shard 1/1 | tee")]
    [InlineData(nameof(WorkflowRules.PullRequests), "dataset-build.yml", "TRAJBUILD_CACHE_READ_ONLY: ${{ github.event_name == 'pull_request' }}", "TRAJBUILD_CACHE_READ_ONLY: 'false'")]
    [InlineData(nameof(WorkflowRules.PullRequests), "dataset-build.yml", "if: needs.plan.outputs.stale == 'true' && github.event_name != 'pull_request'", "if: needs.plan.outputs.stale == 'true'")]
    [InlineData(nameof(WorkflowRules.PullRequests), "dataset-build.yml", "  pull_request:\n", "  pull_request_target:\n")]
    [InlineData(nameof(WorkflowRules.SecretsOnlyInEnvironment), "dataset-build.yml", "          ./build.sh Plan --matrix | tee", "          echo ${{ secrets.TRAJBUILD_CACHE_READ_TOKEN }}\n          ./build.sh Plan --matrix | tee")]
    [InlineData(nameof(WorkflowRules.SecretsOnlyInEnvironment), "dataset-build.yml", "global-json-file: global.json", "global-json-file: ${{ secrets.TRAJBUILD_CACHE_TOKEN }}")]
    [InlineData(nameof(WorkflowRules.SecretsOnlyInEnvironment), "dataset-release.yml", "rm -rf \"$PACKAGE_DIR\"", "rm -rf \"${{ github.ref_name }}\"")]
    [InlineData(nameof(WorkflowRules.LegsRunTogether), "dataset-build.yml", "      fail-fast: true\n", "      fail-fast: true\n      max-parallel: 2\n")]
    [InlineData(nameof(WorkflowRules.LegsRunTogether), "dataset-build.yml", "fail-fast: true", "fail-fast: false")]
    [InlineData(nameof(WorkflowRules.LogsUploaded), "dataset-build.yml", "      - name: Upload this leg's log\n        if: always()\n", "      - name: Upload this leg's log\n")]
    public void Rule_CatchesTheMistake(string rule, string file, string original, string mistake)
    {
        var committed = Committed(file);
        var at = committed.Text.IndexOf(original, StringComparison.Ordinal);
        at.ShouldBeGreaterThanOrEqualTo(0, $"{file} no longer holds '{original}': update this test's mutation");
        var mutated = Workflow.Parse(file, committed.Text[..at] + mistake + committed.Text[(at + original.Length)..]);

        WorkflowRules.All[rule](mutated).ShouldNotBeEmpty();
    }

    [Fact]
    public void OnlyTheReleasePublisher_MayWrite_AndOnlyContents()
    {
        var writers = Workflow.Committed().SelectMany(w => WorkflowRules.WritingJobs(w).Select(j => (w.Name, j.Job, Permissions: j.Definition["permissions"]!.ToJsonString()))).ToList();

        writers.ShouldBe([("dataset-release.yml", "publish", """{"contents":"write"}""")]);
    }

    [Fact]
    public void EachAction_IsPinnedToOneCommit_WithOneVersion()
    {
        var pins = Workflow.Committed()
            .SelectMany(w => PinLine().Matches(w.Text))
            .Select(m => (Action: m.Groups["action"].Value, Pin: m.Groups["pin"].Value))
            .Distinct()
            .ToList();

        pins.GroupBy(p => p.Action).Where(g => g.Count() > 1).ShouldBeEmpty("an action pinned to two commits or versions");
        pins.Select(p => p.Action).Order(StringComparer.Ordinal).ShouldBe(["actions/checkout", "actions/download-artifact", "actions/setup-dotnet", "actions/upload-artifact"]);
    }

    // The workflows run trajbuild from where build.sh builds the host; it must be there, and know the command.
    [Fact]
    public async Task TrajbuildCalls_NameRealCommandsAndOptions()
    {
        File.ReadAllText(Path.Combine(RepositoryRoot.Path, "build.sh")).ShouldContain($"-o \"$root/{HostCommand.HostFolder}\"");
        var calls = Workflow.Committed().SelectMany(w => w.Steps.SelectMany(s => TrajbuildCall().Matches(WorkflowRules.Run(s.Step)))).ToList();
        calls.ShouldNotBeEmpty();
        foreach (var call in calls)
        {
            call.Groups["path"].Value.ShouldBe($"{HostCommand.HostFolder}/{typeof(CliApp).Assembly.GetName().Name}.dll");
            using var output = new StringWriter();
            using var error = new StringWriter();
            var exitCode = await CliApp.RunAsync([call.Groups["command"].Value, "--help"], output, error, TestContext.Current.CancellationToken);
            exitCode.ShouldBe(0, $"trajbuild {call.Groups["command"].Value}: {error}");
            foreach (Match option in Regex.Matches(call.Groups["rest"].Value, @"(?<![\w-])--[a-z][a-z-]*"))
            {
                output.ToString().ShouldContain(option.Value, customMessage: $"trajbuild {call.Groups["command"].Value} has no {option.Value}");
            }
        }
    }

    [Fact]
    public void CredentialVariables_AreTheOnesTrajbuildReads()
    {
        var source = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "TrajectoryBuild", "Cache", "RemoteCache.cs"));

        foreach (var variable in WorkflowRules.CredentialVariables)
        {
            source.ShouldContain($"\"{variable}\"");
        }
    }

    // A leg fails when its uploads stopped, read from trajbuild's last cache line: those words must be trajbuild's.
    [Fact]
    public void UploadFailurePhrases_AreWhatTrajbuildPrints()
    {
        var source = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "TrajectoryBuild.Cli", "Commands", "BuildCommand.cs"));

        source.ShouldContain("$\"Remote cache: {stats.Hits} restored");
        foreach (var phrase in DatasetBuildWorkflow.UploadFailurePhrases.Split('|'))
        {
            source.ShouldContain($"\"; {phrase}\"");
        }
    }

    private static Workflow Committed(string file) => Workflow.Load(Path.Combine(RepositoryRoot.Path, "pipelines", file));

    [GeneratedRegex(@"uses: (?<action>[\w.-]+/[\w.-]+)@(?<pin>[0-9a-f]{40} # v[\d.]+)")]
    private static partial Regex PinLine();

    [GeneratedRegex(@"dotnet (?<path>\S+)\s+(?<command>[a-z]+)(?<rest>[^\n|;&>]*)")]
    private static partial Regex TrajbuildCall();
}
