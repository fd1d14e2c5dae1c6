namespace Build.Workflows;

/// <summary>Pieces of the bash scripts (every run step uses bash with -e and -o pipefail).</summary>
internal static class Shell
{
    /// <summary>
    /// Defines <c>as_root</c>: nothing as root (a self-hosted runner), else sudo keeping the environment (the cache
    /// credentials, DOTNET_ROOT) and PATH (dotnet). Base images need root: debootstrap runs as the build's own process.
    /// </summary>
    public const string AsRoot = """
        as_root=()
        if [ "$(id -u)" -ne 0 ]; then as_root=(sudo --preserve-env env "PATH=$PATH"); fi
        """;

    /// <summary>The line <c>Plan --matrix</c> prints among the host's other output, from <paramref name="log"/> into <c>$line</c>.</summary>
    public static string MatrixLine(string log) =>
        $$"""line="$(grep -m1 '^{"stale":' {{log}})" || { echo "::error::{{HostCommand.Run(HostCommand.Plan)}} --matrix printed no matrix line (see the log above)"; exit 1; }""";

    /// <summary><c>trajbuild</c> from the host's folder (build.sh put it there); <paramref name="prefix"/> is e.g. <c>"${as_root[@]}" </c>.</summary>
    public static string Trajbuild(string prefix = "") => $"{prefix}dotnet {HostCommand.HostFolder}/{CliAssembly}.dll";

    /// <summary>The trajbuild CLI's assembly name (the host references the CLI project, so its dll is beside the host's).</summary>
    public static string CliAssembly => typeof(TrajectoryBuild.Cli.CliApp).Assembly.GetName().Name!;
}
