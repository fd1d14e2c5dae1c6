using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TrajectoryBuild.Annotation.Agreement;
using TrajectoryBuild.Annotation.Store;
using TrajectoryBuild.Verification.Labels;

namespace TrajectoryBuild.Annotation.Web;

/// <summary>
/// Admin routes: the dashboard (<see cref="AdminPage"/>), its forms (users, overlap, gold rate), JSON for scripts
/// (progress, agreement, users) and the export download. Loading a slice is on the command line only
/// (<c>trajbuild annotate load</c>): the server never reads paths a browser names.
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, AnnotationStore store, IAgreementMetrics metrics)
    {
        var admin = routes.MapGroup("").RequireAuthorization(Policies.Admin);
        admin.MapGet("/admin", async (HttpContext context, CancellationToken cancellationToken) =>
            await AdminPage.RenderAsync(context, store, metrics, context.Request.Query["message"].ToString(), cancellationToken).ConfigureAwait(false));

        admin.MapPost("/admin/users", async (HttpContext context, CancellationToken cancellationToken) =>
        {
            var form = await context.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            var (name, role, password) = (form["name"].ToString().Trim(), form["role"].ToString(), form["password"].ToString());
            var problem = UserProblem(name, role, password);
            if (problem is not null)
            {
                return Back(problem);
            }

            return Back(await store.AddUserAsync(name, role, password, replace: false, cancellationToken).ConfigureAwait(false)
                ? $"added {role} {name}"
                : $"a user named {name} exists already");
        }).AddEndpointFilter<AntiforgeryFilter>();

        admin.MapPost("/admin/overlap", async (HttpContext context, CancellationToken cancellationToken) =>
        {
            var form = await context.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            if (!int.TryParse(form["annotators"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var annotators) || annotators is < 1 or > 20
                || !double.TryParse(form["fraction"], NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction) || fraction is < 0 or > 1)
            {
                return Back("overlap: annotators is 1 to 20, fraction 0 to 1");
            }

            await store.SetOverlapAsync(annotators, fraction, cancellationToken).ConfigureAwait(false);
            return Back($"overlap set: {annotators} annotators on {fraction:P0} of the items");
        }).AddEndpointFilter<AntiforgeryFilter>();

        admin.MapPost("/admin/gold-rate", async (HttpContext context, CancellationToken cancellationToken) =>
        {
            var form = await context.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            if (!double.TryParse(form["rate"], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || rate is < 0 or > 0.5)
            {
                return Back("gold rate: 0 to 0.5");
            }

            await store.SetGoldRateAsync(rate, cancellationToken).ConfigureAwait(false);
            return Back($"gold rate set to {rate:P0}");
        }).AddEndpointFilter<AntiforgeryFilter>();

        admin.MapGet("/admin/export", async (string? format, CancellationToken cancellationToken) =>
        {
            if (format is not null and not "jsonl")
            {
                return Results.BadRequest(new { error = $"format '{format}' is not available in the server; use jsonl" });
            }

            using var buffer = new MemoryStream();
            LabelsJsonl.Write(buffer, await store.ExportAsync(cancellationToken).ConfigureAwait(false));
            return Results.File(buffer.ToArray(), "application/x-ndjson", "labels.jsonl");
        });

        admin.MapGet("/api/admin/progress", async (CancellationToken cancellationToken) =>
            Results.Json(await store.ProgressAsync(cancellationToken).ConfigureAwait(false)));
        admin.MapGet("/api/admin/agreement", async (CancellationToken cancellationToken) =>
            Results.Json(LiveAgreement.Compute(metrics, await store.SubmittedHumanLabelsAsync(cancellationToken).ConfigureAwait(false))));
        admin.MapGet("/api/admin/users", async (CancellationToken cancellationToken) =>
            Results.Json((await store.ListUsersAsync(cancellationToken).ConfigureAwait(false)).Select(u => new { name = u.Name, role = u.Role })));
    }

    /// <summary>What is wrong with a new account, or null.</summary>
    public static string? UserProblem(string name, string role, string? password) =>
        name.Length is 0 or > 64 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@'))
            ? "a user name is 1 to 64 letters, digits, '.', '_', '-' or '@'"
            : !Roles.IsValid(role) ? $"unknown role '{role}'; one of: {string.Join(", ", Roles.All)}"
            : password is not null && password.Length < Passwords.MinimumLength ? $"a password has at least {Passwords.MinimumLength} characters"
            : null;

    private static IResult Back(string message) => Results.Redirect("/admin?message=" + Uri.EscapeDataString(message));
}
