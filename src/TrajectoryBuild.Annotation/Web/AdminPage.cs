using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using TrajectoryBuild.Annotation.Agreement;
using TrajectoryBuild.Annotation.Store;
using static TrajectoryBuild.Annotation.Web.Html;

namespace TrajectoryBuild.Annotation.Web;

/// <summary>The admin dashboard: progress and gold accuracy per annotator, live agreement, overlap, users, export.</summary>
internal static class AdminPage
{
    public static async Task<IResult> RenderAsync(HttpContext context, AnnotationStore store, IAgreementMetrics metrics, string? message, CancellationToken cancellationToken)
    {
        var items = await store.ItemsAsync(cancellationToken).ConfigureAwait(false);
        var progress = await store.ProgressAsync(cancellationToken).ConfigureAwait(false);
        var agreement = LiveAgreement.Compute(metrics, await store.SubmittedHumanLabelsAsync(cancellationToken).ConfigureAwait(false));
        var users = await store.ListUsersAsync(cancellationToken).ConfigureAwait(false);
        var settings = await store.SettingsAsync(cancellationToken).ConfigureAwait(false);
        var overlap = await store.SettingAsync("overlap", cancellationToken).ConfigureAwait(false) ?? "as the slice says";
        var field = AntiforgeryField(context);
        var body = new StringBuilder();
        body.Append("<h1>Admin</h1>");
        if (!string.IsNullOrEmpty(message))
        {
            body.Append($"<p class=\"message\" role=\"status\">{E(message)}</p>");
        }

        var gold = items.Count(i => i.IsGold);
        body.Append($"<section><h2>Slice</h2><p id=\"slice\">{items.Count} items loaded ({gold} gold), {items.Where(i => !i.IsGold).Sum(i => i.Annotators)} labels wanted. ")
            .Append("Load a slice with <code>trajbuild annotate load slice.jsonl --gold gold.jsonl</code>.</p></section>");

        body.Append("<section><h2>Progress</h2><table id=\"progress\"><thead><tr><th>Annotator</th><th>Assigned</th><th>Submitted</th><th>Gold submitted</th><th>Gold accuracy</th></tr></thead><tbody>");
        foreach (var p in progress)
        {
            body.Append($"<tr><td>{E(p.Name)}</td><td>{p.Assigned}</td><td>{p.Submitted}</td><td>{p.GoldSubmitted}</td><td>{E(Percent(p.GoldAccuracy))}</td></tr>");
        }

        body.Append("</tbody></table></section>");
        body.Append("<section><h2>Agreement (submitted labels, regular items)</h2><table id=\"agreement\"><thead><tr><th>Axis</th><th>Turns</th><th>Pairs</th><th>Percent agreement</th><th>Cohen's kappa</th></tr></thead><tbody>");
        foreach (var a in agreement)
        {
            body.Append($"<tr><td>{E(a.Axis)}</td><td>{a.Units}</td><td>{a.Pairs}</td><td>{E(Percent(a.PercentAgreement))}</td><td>{E(a.CohenKappa?.ToString("0.000", CultureInfo.InvariantCulture) ?? "-")}</td></tr>");
        }

        body.Append("</tbody></table><p class=\"hint\">Kappa is unweighted Cohen's kappa per pair of annotators (on the turns both scored), averaged over pairs, as in the build's verification report. Disagreements are adjudicated under <a href=\"/review\">Review</a>.</p></section>");

        body.Append($"""
            <section><h2>Overlap and gold</h2><p>Overlap now: {E(overlap)}; gold rate {E(settings.GoldRate.ToString("P0", CultureInfo.InvariantCulture))}.</p>
            <form method="post" action="/admin/overlap" class="inline">{field}
            <label>Annotators per item <input name="annotators" type="number" min="1" max="20" value="2"></label>
            <label>on a fraction of items <input name="fraction" type="number" min="0" max="1" step="0.05" value="0.2"></label>
            <button type="submit">Set overlap</button></form>
            <form method="post" action="/admin/gold-rate" class="inline">{field}
            <label>Gold rate <input name="rate" type="number" min="0" max="0.5" step="0.01" value="{E(settings.GoldRate.ToString(CultureInfo.InvariantCulture))}"></label>
            <button type="submit">Set gold rate</button></form></section>
            """);

        body.Append("<section><h2>Users</h2><table id=\"users\"><thead><tr><th>Name</th><th>Role</th></tr></thead><tbody>");
        foreach (var u in users)
        {
            body.Append($"<tr><td>{E(u.Name)}</td><td>{E(u.Role)}</td></tr>");
        }

        body.Append($"""
            </tbody></table>
            <form method="post" action="/admin/users" class="inline">{field}
            <label>Name <input name="name" required></label>
            <label>Role <select name="role"><option>annotator</option><option>reviewer</option><option>admin</option></select></label>
            <label>Password <input name="password" type="password" minlength="{Passwords.MinimumLength}" required></label>
            <button type="submit">Add user</button></form></section>
            <section><h2>Export</h2><p><a href="/admin/export?format=jsonl" id="export">Download labels.jsonl</a> (our label file: annotators' labels, adjudications and gold references).</p></section>
            """);
        return Page(context, "Admin", body.ToString());
    }

    private static string Percent(double? value) => value?.ToString("P1", CultureInfo.InvariantCulture) ?? "-";
}
