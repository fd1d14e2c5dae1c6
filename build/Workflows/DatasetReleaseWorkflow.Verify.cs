using Build.Parameters;
using Build.Workflows.Yaml;
using TrajectoryBuild.Packaging.Release;

namespace Build.Workflows;

/// <summary>The verify job: find the release file, restore the package read-only, check every file, prepare the assets.</summary>
internal static partial class DatasetReleaseWorkflow
{
    public const string VerifyStepName = "Verify every file against the release";

    /// <summary>A release restores from the shared cache, in the time a plan and a download of everything take.</summary>
    private const int VerifyMinutes = 360;

    private static string Folder => ReleaseWriter.FolderName;

    private static YamlMap VerifyJob() => new(
        ("name", "verify the release from the shared cache"),
        ("runs-on", Runner.Label),
        ("timeout-minutes", VerifyMinutes),
        ("outputs", new YamlMap(
            ("dataset", Expressions.Of("steps.release.outputs.dataset")),
            ("version", Expressions.Of("steps.release.outputs.version")))),
        ("env", new YamlMap([.. CacheAccess.Environment(write: false), ("TAG", Expressions.Of("github.ref_name"))])),
        ("steps", new YamlSequence(
            Steps.Checkout(),
            Steps.SetupDotnet(),
            Steps.CheckDocker(asRoot: false),
            Steps.Run("Find the release file of this tag", FindScript(), id: "release"),
            Steps.Run("Check that the shared cache holds this build", CachedScript()),
            Steps.Run("Restore the package from the shared cache", $"""
                {HostCommand.Run(HostCommand.Package, ParameterDefinitions.CacheReadOnly.Option)} 2>&1 | tee package.log

                """),
            Steps.Run("Check the package key", KeyScript()),
            Steps.Run("Copy the package out of the cache", $"""
                rm -rf "$PACKAGE_DIR"
                {Shell.Trajbuild()} show "$PACKAGE_TARGET" --out "$PACKAGE_DIR"

                """),
            Steps.Run(VerifyStepName, VerifyScript),
            Steps.Run("Prepare the release assets", AssetsScript()),
            Steps.Upload("Upload the verified release", Artifact, [$"{Dist}/"], always: false),
            Steps.Upload("Upload the logs", "release-logs", ["plan-matrix.log", "package.log", "plan.log"], always: true))));

    private static string FindScript() => $$"""
        file=""
        count=0
        for candidate in {{Folder}}/*/*.json; do
          if [ -f "$candidate" ] && [ "$(jq -r '.tag // empty' "$candidate")" = "$TAG" ]; then
            file="$candidate"
            count=$((count + 1))
          fi
        done
        if [ "$count" -ne 1 ]; then
          echo "::error::Expected one {{Folder}}/<dataset>/<version>.json whose tag is $TAG, found $count. ./build.sh Release writes it in the commit it tags (docs/releases.md)."
          exit 1
        fi
        dataset="$(jq -r '.dataset' "$file")"
        version="$(jq -r '.version' "$file")"
        target="$(jq -r '.package.target' "$file")"
        key="$(jq -r '.package.key' "$file")"
        # These go into GITHUB_ENV: one line each, nothing else.
        if ! [[ "$dataset-$version" =~ ^[A-Za-z0-9._+-]+$ && "$target" =~ ^[A-Za-z0-9._/+-]+$ && "$key" =~ ^[0-9a-f]{64}$ ]]; then
          echo "::error::$file: unexpected dataset, version, package target or key"
          exit 1
        fi
        {
          echo "RELEASE_FILE=$file"
          echo "DATASET=$dataset"
          echo "VERSION=$version"
          echo "PACKAGE_TARGET=$target"
          echo "PACKAGE_KEY=$key"
          echo "PACKAGE_DIR={{Dist}}/$dataset-$version"
        } >> "$GITHUB_ENV"
        { echo "dataset=$dataset"; echo "version=$version"; } >> "$GITHUB_OUTPUT"

        """;

    private static string CachedScript() => $$"""
        if [ -z "${{{CacheAccess.UrlVariable}}:-}" ]; then
          echo "::error::Set the repository variable {{CacheAccess.UrlVariable}}: a release is restored from the shared cache."
          exit 1
        fi
        {{HostCommand.Run(HostCommand.Plan, ParameterDefinitions.Matrix.Option)}} | tee plan-matrix.log
        {{Shell.MatrixLine("plan-matrix.log")}}
        if [ "$(jq -r '.stale' <<<"$line")" != false ]; then
          echo "::error::The shared cache does not hold every target of this commit's build, and a release is restored, never rebuilt. Build this commit with write access to the cache (dataset-build on it, or ./build.sh Package with --cache-url), then re-run this workflow; the summary lists what is missing."
          { echo '### Not in the shared cache'; echo '```'; {{HostCommand.Run(HostCommand.Plan, ParameterDefinitions.Explain.Option)}} | head -n 500; echo '```'; } >> "$GITHUB_STEP_SUMMARY" || true
          exit 1
        fi

        """;

    private static string KeyScript() => $$"""
        {{HostCommand.Run(HostCommand.Plan, ParameterDefinitions.Json.Option)}} > plan.log
        found="$(sed -n '/^{$/,/^}$/p' plan.log | jq -r --arg target "$PACKAGE_TARGET" '.targets[] | select(.id == $target) | "\(.status) \(.key)"')"
        status="${found%% *}"
        key="${found#* }"
        if [ "$status" != FRESH ] || [ "$key" != "$PACKAGE_KEY" ]; then
          echo "::error::$PACKAGE_TARGET is ${status:-not in the plan} (key ${key:-none}); $RELEASE_FILE was made from key $PACKAGE_KEY. This commit does not build the released package."
          exit 1
        fi

        """;

    /// <summary>
    /// Fails unless <c>$PACKAGE_DIR</c> holds exactly the files <c>$RELEASE_FILE</c> lists, each with its SHA-256 and
    /// size. Self-contained (jq, sha256sum, GNU find and stat), so the tests run it as it stands.
    /// </summary>
    private const string VerifyScript = """
        release="$(realpath "$RELEASE_FILE")"
        cd "$PACKAGE_DIR"
        status=0
        expected="$(jq -r '.files[].path' "$release" | LC_ALL=C sort)"
        actual="$(find . -type f -printf '%P\n' | LC_ALL=C sort)"
        if [ "$expected" != "$actual" ]; then
          echo "::error::The restored package does not hold exactly the files of $RELEASE_FILE (< release, > restored):"
          diff <(printf '%s\n' "$expected") <(printf '%s\n' "$actual") || true
          status=1
        fi
        while IFS=$'\t' read -r path sha256 bytes; do
          if [ ! -f "$path" ]; then
            continue
          fi
          got_sha256="$(sha256sum -- "$path" | cut -d ' ' -f 1)"
          got_bytes="$(stat -c %s -- "$path")"
          if [ "$got_sha256" != "$sha256" ] || [ "$got_bytes" != "$bytes" ]; then
            echo "::error::$path: sha256 $got_sha256, $got_bytes bytes; the release says sha256 $sha256, $bytes bytes"
            status=1
          fi
        done < <(jq -r '.files[] | [.path, .sha256, (.bytes | tostring)] | @tsv' "$release")
        if [ "$status" -eq 0 ]; then
          echo "All $(jq '.files | length' "$release") files match $RELEASE_FILE."
        fi
        exit "$status"

        """;

    private static string AssetsScript() => $$"""
        name="$DATASET-$VERSION"
        # The package as one archive (a release's assets are flat), the same bytes for the same files.
        tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C {{Dist}} -cf - "$name" | gzip -n > "{{Dist}}/$name.tar.gz"
        cp "$RELEASE_FILE" "{{Dist}}/$name.release.json"
        (cd {{Dist}} && sha256sum -- "$name.tar.gz" "$name.release.json" > SHA256SUMS)
        # The release notes: this version's section of the changelog ./build.sh Release wrote (the tag's message too).
        changelog="$(dirname "$RELEASE_FILE")/{{ReleaseNotes.ChangelogFileName}}"
        if [ -f "$changelog" ]; then
          awk -v heading="## $DATASET $VERSION" '$0 == heading { found = 1; print; next } found && /^## / { exit } found { print }' "$changelog" > {{Dist}}/notes.md
        fi
        if [ ! -s {{Dist}}/notes.md ]; then
          echo "$DATASET $VERSION: see $RELEASE_FILE in the tagged commit." > {{Dist}}/notes.md
        fi

        """;
}
