using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace TrajectoryBuild.MacroBench.Report;

/// <summary>
/// The Markdown table of every macro result file in a folder, in a fixed order: one row per figure, naming the timed
/// command, the machine, the date and the load averages, then the command that reproduces each file. Only what the JSON
/// files hold; nothing is typed in.
/// </summary>
internal static class MacroTable
{
    public const string FileName = "macro.md";

    public static readonly IReadOnlyList<string> Order = ["plan-noop", "plan-change", "scaling", "package", "cache-restore", "micro"];

    public static string Render(string folder)
    {
        var files = Order.Select(n => Path.Combine(folder, $"{n}.json")).Where(File.Exists).Select(p => JsonNode.Parse(File.ReadAllText(p))!.AsObject()).ToList();
        var text = new StringBuilder();
        text.Append("| benchmark | size | median | peak memory | goal | met | timed command | machine | date | load average before / after |\n");
        text.Append("|---|---|---:|---:|---|---|---|---|---|---|\n");
        foreach (var file in files)
        {
            var machine = file["machine"]!;
            var machineText = string.Create(CultureInfo.InvariantCulture, $"{machine["cores"]} cores, {machine["memory_gib"]!.GetValue<double>():F0} GiB");
            var load = $"{Load(file["load_average_before"])} / {Load(file["load_average_after"])}";
            foreach (var row in file["rows"] as JsonArray ?? [])
            {
                var met = row!["met"] is JsonValue value ? value.GetValue<bool>() ? "yes" : "**no**" : "-";
                text.Append(CultureInfo.InvariantCulture,
                    $"| {row["what"]} | {row["size"]} | {row["median"]} | {row["peak"]} | {row["goal"]} | {met} | `{row["command"]}` | {machineText} | {file["date"]} | {load} |\n");
            }
        }

        text.Append('\n');
        foreach (var file in files)
        {
            text.Append(CultureInfo.InvariantCulture, $"- `{file["benchmark"]}.json` ({file["title"]}): `{file["reproduce"]}`\n");
        }

        return text.ToString();
    }

    private static string Load(JsonNode? loads) =>
        loads is JsonArray { Count: > 0 } array ? string.Join(" ", array.Select(l => l!.GetValue<double>().ToString("F1", CultureInfo.InvariantCulture))) : "n/a";
}
