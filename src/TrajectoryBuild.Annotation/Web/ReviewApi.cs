using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TrajectoryBuild.Annotation.Store;

namespace TrajectoryBuild.Annotation.Web;

/// <summary>Adjudication for reviewers (and admins): the submitted labels of a disputed item, and the final score per axis per turn.</summary>
internal static class ReviewApi
{
    public static void Map(IEndpointRouteBuilder routes, AnnotationStore store)
    {
        var api = routes.MapGroup("/api/review").RequireAuthorization(Policies.Review);
        api.MapGet("/items", async (CancellationToken cancellationToken) => Results.Json(await DisagreementsAsync(store, cancellationToken).ConfigureAwait(false)));

        api.MapGet("/items/{id:long}", async (long id, HttpContext context, CancellationToken cancellationToken) =>
        {
            if (await store.ItemAsync(id, cancellationToken).ConfigureAwait(false) is not { IsGold: false } item
                || await store.TrajectoryAsync(id, cancellationToken).ConfigureAwait(false) is not { } trajectory)
            {
                return Results.NotFound();
            }

            var submitted = await store.LabelsAsync("WHERE l.kind = 'human' AND l.item_id = @i AND a.submitted_at IS NOT NULL", cancellationToken, ("@i", id)).ConfigureAwait(false);
            var mine = await store.LabelsAsync("WHERE l.kind = 'adjudicated' AND l.item_id = @i AND l.user_id = @u", cancellationToken, ("@i", id), ("@u", context.User.UserId())).ConfigureAwait(false);
            return Results.Json(new
            {
                item = new { id = item.Id, trajectoryId = item.TrajectoryId, turns = item.TurnCount },
                axes = AxisView.All,
                trajectory = TrajectoryView.From(trajectory),
                annotations = submitted.Select(TurnScoresView.From),
                labels = mine.Select(TurnScoresView.From),
            });
        });

        api.MapPost("/items/{id:long}/labels", async (long id, AnnotatorApi.ScoreChange change, HttpContext context, CancellationToken cancellationToken) =>
        {
            if (AnnotatorApi.Validate(change) is { } problem)
            {
                return problem;
            }

            if (change.Axis is null)
            {
                return Results.BadRequest(new { error = "an adjudication sets an axis" });
            }

            return AnnotatorApi.Outcome(await store.SetAdjudicationAsync(id, context.User.UserId(), change.Turn, change.Axis, change.Score, cancellationToken).ConfigureAwait(false));
        }).AddEndpointFilter<AntiforgeryFilter>();
    }

    public static async Task<IReadOnlyList<Disagreement>> DisagreementsAsync(AnnotationStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var submitted = await store.SubmittedHumanLabelsAsync(cancellationToken).ConfigureAwait(false);
        var adjudicated = await store.LabelsAsync("WHERE l.kind = 'adjudicated'", cancellationToken).ConfigureAwait(false);
        return Disagreement.Find(submitted, adjudicated);
    }
}
