using Build.Parameters;
using Build.Workflows.Yaml;
using TrajectoryBuild.Packaging.Release;

namespace Build.Workflows;

/// <summary>
/// pipelines/dataset-release.yml: a pushed <c>&lt;dataset&gt;@v&lt;version&gt;</c> tag, which <c>./build.sh Release</c>
/// made (this workflow never runs Release: the tag exists). The verify job checks out the tag, restores the package
/// from the shared cache read-only, checks every file against releases/&lt;dataset&gt;/&lt;version&gt;.json and uploads
/// it; the publish job, the only one that may write, makes the GitHub release from that artifact without running any
/// of the repository's code.
/// </summary>
internal static partial class DatasetReleaseWorkflow
{
    public const string FileName = "dataset-release.yml";

    public const string Name = "dataset-release";

    private const string Dist = "dist";
    private const string Artifact = "release";

    /// <summary>Every tag the default tag format makes: <c>*@v*</c>.</summary>
    public static string TagPattern => ReleaseSettings.DefaultTagFormat
        .Replace("{dataset}", "*", StringComparison.Ordinal)
        .Replace("{version}", "*", StringComparison.Ordinal);

    public static YamlMap Create() => WorkflowSkeleton.Create(
        Name,
        new YamlMap(("push", new YamlMap(("tags", YamlSequence.Of([TagPattern]))))),
        // One run per tag; a second push of the same tag waits rather than race the first.
        false,
        new YamlMap((HostCommand.EnvironmentVariable(ParameterDefinitions.CacheReadOnly), "true")),
        ("verify", VerifyJob()),
        ("publish", PublishJob()));

    private static YamlMap PublishJob() => new(
        ("name", "publish the GitHub release"),
        ("needs", "verify"),
        ("runs-on", Runner.Label),
        ("timeout-minutes", Runner.PublishMinutes),
        ("permissions", new YamlMap(("contents", "write"))),
        ("env", new YamlMap(
            ("GH_TOKEN", Expressions.Of("github.token")),
            ("TAG", Expressions.Of("github.ref_name")),
            ("DATASET", Expressions.Of("needs.verify.outputs.dataset")),
            ("VERSION", Expressions.Of("needs.verify.outputs.version")))),
        ("steps", new YamlSequence(
            new YamlMap(
                ("name", "Download the verified release"),
                ("uses", PinnedActions.DownloadArtifact.Uses),
                ("with", new YamlMap(("name", Artifact), ("path", Dist)))),
            Steps.Run("Publish the GitHub release", $$"""
                # No checkout: this job, the only one that may write, runs none of the repository's code.
                name="$DATASET-$VERSION"
                assets=("{{Dist}}/$name.tar.gz" "{{Dist}}/$name.release.json" "{{Dist}}/SHA256SUMS")
                flags=()
                case "$VERSION" in *-*) flags+=(--prerelease) ;; esac
                if gh release view "$TAG" --repo "$GITHUB_REPOSITORY" >/dev/null 2>&1; then
                  gh release upload "$TAG" --repo "$GITHUB_REPOSITORY" --clobber "${assets[@]}"
                else
                  gh release create "$TAG" --repo "$GITHUB_REPOSITORY" --verify-tag --title "$DATASET $VERSION" \
                    --notes-file "{{Dist}}/notes.md" "${flags[@]}" "${assets[@]}"
                fi

                """))));
}
