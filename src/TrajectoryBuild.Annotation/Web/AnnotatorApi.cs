using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TrajectoryBuild.Annotation.Store;

namespace TrajectoryBuild.Annotation.Web;

/// <summary>
/// The annotator's API. Every query is scoped to the signed-in annotator: an assignment id of someone else answers 404,
/// the same as one that does not exist, and no response carries another person's labels or whether an item is gold.
/// </summary>
internal static class AnnotatorApi
{
    public sealed record ScoreChange(int Turn, string? Axis, int? Score, string? Comment);

    public static void Map(IEndpointRouteBuilder routes, AnnotationStore store)
    {
        var api = routes.MapGroup("/api").RequireAuthorization(Policies.Annotate);
        api.MapGet("/assignments", async (HttpContext context, CancellationToken cancellationToken) =>
            Results.Json((await store.AssignmentsAsync(context.User.UserId(), cancellationToken).ConfigureAwait(false)).Select(Summary)));

        api.MapPost("/next", async (HttpContext context, CancellationToken cancellationToken) =>
            await store.NextAsync(context.User.UserId(), cancellationToken).ConfigureAwait(false) is { } next
                ? Results.Json(Summary(next))
                : Results.Json(new { done = true }))
            .AddEndpointFilter<AntiforgeryFilter>();

        api.MapGet("/assignments/{id:long}", async (long id, HttpContext context, CancellationToken cancellationToken) =>
        {
            var userId = context.User.UserId();
            if (await store.AssignmentAsync(id, userId, cancellationToken).ConfigureAwait(false) is not { } assignment
                || await store.TrajectoryAsync(assignment.ItemId, cancellationToken).ConfigureAwait(false) is not { } trajectory)
            {
                return Results.NotFound();
            }

            var labels = await store.LabelsAsync("WHERE l.kind = 'human' AND l.item_id = @i AND l.user_id = @u", cancellationToken, ("@i", assignment.ItemId), ("@u", userId)).ConfigureAwait(false);
            return Results.Json(new
            {
                assignment = Summary(assignment),
                axes = AxisView.All,
                trajectory = TrajectoryView.From(trajectory),
                labels = labels.Select(TurnScoresView.From),
            });
        });

        api.MapPost("/assignments/{id:long}/labels", async (long id, ScoreChange change, HttpContext context, CancellationToken cancellationToken) =>
        {
            if (Validate(change) is { } problem)
            {
                return problem;
            }

            var result = await store.SetOwnLabelAsync(id, context.User.UserId(), change.Turn, change.Axis, change.Score, change.Comment, cancellationToken).ConfigureAwait(false);
            return Outcome(result);
        }).AddEndpointFilter<AntiforgeryFilter>();

        api.MapPost("/assignments/{id:long}/submit", async (long id, HttpContext context, CancellationToken cancellationToken) =>
            await store.SubmitAsync(id, context.User.UserId(), cancellationToken).ConfigureAwait(false)
                ? Results.Json(new { submitted = true })
                : Results.Conflict(new { error = "not your open assignment (already submitted?)" }))
            .AddEndpointFilter<AntiforgeryFilter>();
    }

    /// <summary>A bad score or axis, as a 400 with the reason; null when the change is well-formed.</summary>
    public static IResult? Validate(ScoreChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Axis is not null && Verification.Labels.Axes.Find(change.Axis) is null)
        {
            return Results.BadRequest(new { error = $"unknown axis '{change.Axis}'" });
        }

        if (change.Score is { } score && score is < Verification.Labels.Axes.Min or > Verification.Labels.Axes.Max)
        {
            return Results.BadRequest(new { error = $"a score is {Verification.Labels.Axes.Min} to {Verification.Labels.Axes.Max}, or null" });
        }

        return change.Comment is { Length: > 4000 } ? Results.BadRequest(new { error = "a comment is at most 4000 characters" }) : null;
    }

    public static IResult Outcome(LabelChange result) => result switch
    {
        LabelChange.Saved => Results.Json(new { saved = true }),
        LabelChange.AlreadySubmitted => Results.Conflict(new { error = "already submitted" }),
        LabelChange.BadTurn => Results.BadRequest(new { error = "no such turn" }),
        _ => Results.NotFound(),
    };

    private static object Summary(AssignmentInfo a) => new { id = a.Id, trajectoryId = a.TrajectoryId, turns = a.TurnCount, submitted = a.Submitted, number = a.Sequence };
}
