using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TrajectoryBuild.Annotation.Agreement;

namespace TrajectoryBuild.Cli.Commands.Annotate;

/// <summary><c>trajbuild annotate status</c>: items, progress and gold accuracy per annotator, agreement per axis.</summary>
internal static class AnnotateStatusCommand
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var store = new StoreOptions();
        var json = new Option<bool>("--json") { Description = "Print JSON for scripts" };
        var command = new Command("status", "Progress per annotator (with accuracy on gold items) and agreement per axis") { json };
        store.AddTo(command);
        command.SetAction(async (parse, cancellationToken) => await store.WithStoreAsync(parse, stderr, async (opened, location) =>
        {
            var items = await opened.ItemsAsync(cancellationToken).ConfigureAwait(false);
            var progress = await opened.ProgressAsync(cancellationToken).ConfigureAwait(false);
            var agreement = LiveAgreement.Compute(new ReportAgreement(), await opened.SubmittedHumanLabelsAsync(cancellationToken).ConfigureAwait(false));
            if (parse.GetValue(json))
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(new { items = items.Count, gold = items.Count(i => i.IsGold), progress, agreement }, s_json)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await stdout.WriteLineAsync($"{location.Describe()}: {items.Count} items ({items.Count(i => i.IsGold)} gold), {items.Where(i => !i.IsGold).Sum(i => i.Annotators)} labels wanted").ConfigureAwait(false);
            await stdout.WriteLineAsync($"{"annotator",-20} {"assigned",8} {"submitted",9} {"gold",5} {"gold acc.",9}").ConfigureAwait(false);
            foreach (var p in progress)
            {
                await stdout.WriteLineAsync($"{p.Name,-20} {p.Assigned,8} {p.Submitted,9} {p.GoldSubmitted,5} {Percent(p.GoldAccuracy),9}").ConfigureAwait(false);
            }

            await stdout.WriteLineAsync($"{"axis",-20} {"turns",8} {"pairs",9} {"agree",7} {"kappa",7}").ConfigureAwait(false);
            foreach (var a in agreement)
            {
                var kappa = a.CohenKappa?.ToString("0.000", CultureInfo.InvariantCulture) ?? "-";
                await stdout.WriteLineAsync($"{a.Axis,-20} {a.Units,8} {a.Pairs,9} {Percent(a.PercentAgreement),7} {kappa,7}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }, cancellationToken).ConfigureAwait(false));
        return command;
    }

    private static string Percent(double? value) => value?.ToString("P1", CultureInfo.InvariantCulture) ?? "-";
}
