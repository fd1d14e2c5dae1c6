using Build.Workflows.Yaml;

namespace Build.Workflows;

/// <summary>The steps several jobs share.</summary>
internal static class Steps
{
    public static YamlMap Checkout() => new(
        ("name", "Check out"),
        ("uses", PinnedActions.Checkout.Uses),
        // No token left in .git/config for the build's own code to find.
        ("with", new YamlMap(("persist-credentials", false))));

    public static YamlMap SetupDotnet() => new(
        ("name", "Set up the .NET SDK that global.json names"),
        ("uses", PinnedActions.SetupDotnet.Uses),
        ("with", new YamlMap(("global-json-file", "global.json"))));

    public static YamlMap Run(string name, string script, string? id = null, string? condition = null, YamlMap? env = null) => new(
        ("name", name),
        ("id", id),
        ("if", condition),
        ("env", env),
        ("run", script));

    /// <summary>Uploads <paramref name="paths"/>; <paramref name="always"/> also after a failure (logs).</summary>
    public static YamlMap Upload(string name, string artifact, IReadOnlyList<string> paths, bool always) => new(
        ("name", name),
        ("if", always ? "always()" : null),
        ("uses", PinnedActions.UploadArtifact.Uses),
        ("with", new YamlMap(
            ("name", artifact),
            ("path", string.Join('\n', paths) + "\n"),
            ("if-no-files-found", always ? "warn" : "error"))));

    /// <summary>debootstrap builds the base images (no registry is reachable from a hermetic build); hosted runners lack it.</summary>
    public static YamlMap InstallDebootstrap() => Run(
        "Install debootstrap (base images)",
        $$"""
        {{Shell.AsRoot}}
        if ! command -v debootstrap >/dev/null 2>&1 && [ ! -x /usr/sbin/debootstrap ]; then
          "${as_root[@]}" apt-get update -qq
          "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap
        fi

        """);

    /// <summary>
    /// Fails early without a Docker Engine. The executor (docker or local) is part of the Environment targets' keys, so a
    /// job without an engine would plan or build other targets than the jobs with one.
    /// </summary>
    public static YamlMap CheckDocker(bool asRoot) => Run(
        "Check the Docker Engine",
        $$"""
        {{(asRoot ? Shell.AsRoot + "\n" : string.Empty)}}if ! {{(asRoot ? "\"${as_root[@]}\" " : string.Empty)}}docker info >/dev/null; then
          echo "::error::No Docker Engine answers. Every job that plans or builds needs one: the executor is part of the keys, so without it this job would plan or build other targets (docs/ci.md)."
          exit 1
        fi

        """);
}
