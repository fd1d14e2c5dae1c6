using Build.Host;

namespace Build.Targets;

/// <summary>
/// Annotate: the dataset built through Verify, every dataset's human slice loaded into the store, then the annotation
/// server until Ctrl+C. With TRAJBUILD_ANNOTATE_ADMIN set to an account name, that admin is created (or its password
/// reset) from TRAJBUILD_ANNOTATE_ADMIN_PASSWORD on start.
/// </summary>
internal static partial class BuildTargets
{
    public const string AdminVariable = "TRAJBUILD_ANNOTATE_ADMIN";
    public const string AdminPasswordVariable = "TRAJBUILD_ANNOTATE_ADMIN_PASSWORD";

    private static async Task AnnotateAsync(BuildContext context, CancellationToken cancellationToken)
    {
        await RunCliAsync(["annotate", "load", "--manifest", context.Parameters.Manifest], context, cancellationToken).ConfigureAwait(false);
        List<string> serve = ["annotate", "serve"];
        if (Environment.GetEnvironmentVariable(AdminVariable) is { Length: > 0 } admin)
        {
            serve.AddRange(["--admin", admin, "--admin-password-env", AdminPasswordVariable]);
        }
        else
        {
            context.Console.Out.WriteLine($"No {AdminVariable} set: log in with an account made by 'trajbuild annotate users add NAME --role admin', or set {AdminVariable} and {AdminPasswordVariable}.");
        }

        await RunCliAsync(serve, context, cancellationToken).ConfigureAwait(false);
    }
}
