using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TrajectoryBuild.Annotation.Store;
using static TrajectoryBuild.Annotation.Web.Html;

namespace TrajectoryBuild.Annotation.Web;

/// <summary>The pages: a landing redirect by role, the annotator's queue and labelling page, the reviewer's pages.</summary>
internal static class PageEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, AnnotationStore store)
    {
        routes.MapGet("/", (HttpContext context) => Results.Redirect(context.User.Role() switch
        {
            Roles.Admin => "/admin",
            Roles.Reviewer => "/review",
            _ => "/annotate",
        }));

        routes.MapGet("/annotate", async (HttpContext context, CancellationToken cancellationToken) =>
        {
            var assignments = await store.AssignmentsAsync(context.User.UserId(), cancellationToken).ConfigureAwait(false);
            var body = new StringBuilder("<h1>My queue</h1><p><button type=\"button\" id=\"next\">Next trajectory</button> <span id=\"status\" role=\"status\"></span></p>");
            body.Append("<table id=\"assignments\"><thead><tr><th>#</th><th>Trajectory</th><th>Turns</th><th>State</th></tr></thead><tbody>");
            foreach (var a in assignments.Reverse())
            {
                body.Append($"<tr><td>{a.Sequence}</td><td><a href=\"/annotate/{a.Id}\">{E(a.TrajectoryId)}</a></td><td>{a.TurnCount}</td><td>{(a.Submitted ? "submitted" : "open")}</td></tr>");
            }

            body.Append("</tbody></table>");
            return Page(context, "My queue", body.ToString(), "queue.js");
        }).RequireAuthorization(Policies.Annotate);

        routes.MapGet("/annotate/{id:long}", async (long id, HttpContext context, CancellationToken cancellationToken) =>
            await store.AssignmentAsync(id, context.User.UserId(), cancellationToken).ConfigureAwait(false) is null
                ? Results.NotFound()
                : Workspace(context, "Annotate", $"/api/assignments/{id.ToString(CultureInfo.InvariantCulture)}", "annotate"))
            .RequireAuthorization(Policies.Annotate);

        routes.MapGet("/review", async (HttpContext context, CancellationToken cancellationToken) =>
        {
            var disagreements = await ReviewApi.DisagreementsAsync(store, cancellationToken).ConfigureAwait(false);
            var body = new StringBuilder("<h1>Disagreements</h1><p class=\"hint\">Items two or more annotators submitted with different scores. Pick the final score per axis per turn.</p>");
            body.Append("<table id=\"disagreements\"><thead><tr><th>Trajectory</th><th>Annotators</th><th>Disputed scores</th><th>Adjudicated scores</th></tr></thead><tbody>");
            foreach (var d in disagreements)
            {
                body.Append($"<tr><td><a href=\"/review/{d.ItemId}\">{E(d.TrajectoryId)}</a></td><td>{E(string.Join(", ", d.Annotators))}</td><td>{d.Cells}</td><td>{d.AdjudicatedCells}</td></tr>");
            }

            body.Append("</tbody></table>");
            return Page(context, "Review", body.ToString());
        }).RequireAuthorization(Policies.Review);

        routes.MapGet("/review/{id:long}", (long id, HttpContext context) =>
            Workspace(context, "Adjudicate", $"/api/review/items/{id.ToString(CultureInfo.InvariantCulture)}", "review"))
            .RequireAuthorization(Policies.Review);
    }

    /// <summary>The labelling page: an empty frame that workspace.js fills from <paramref name="api"/>, all as text.</summary>
    private static IResult Workspace(HttpContext context, string title, string api, string mode) => Page(context, title,
        $"""
        <div id="workspace" data-api="{E(api)}" data-mode="{E(mode)}">
        <div class="toolbar"><span id="title"></span><span id="status" role="status"></span>
        <button type="button" id="help-button">Keys (?)</button>{(mode == "annotate" ? "<button type=\"button\" id=\"submit\">Submit</button>" : "")}</div>
        <div class="columns"><div id="conversation"></div><aside id="panel"></aside></div></div>
        <div id="help" hidden><h2>Keyboard</h2><table id="help-keys"></table><p>Press ? or Esc to close.</p></div>
        """, "workspace.js");
}
