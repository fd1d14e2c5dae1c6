using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace TrajectoryBuild.MacroBench.Report;

/// <summary>
/// The scaling curves as an SVG: no-op plan time and peak memory against tasks, both axes logarithmic, with the goals of
/// issue 10 (2 s, 1 GiB) as dashed lines. Drawn from scaling.json's points only; the same points give the same bytes.
/// </summary>
internal static class ScalingSvg
{
    private const int PanelWidth = 380;
    private const int PanelHeight = 260;
    private const int Left = 60;
    private const int Top = 40;
    private const int Gap = 90;
    private const string StampColor = "#c33";
    private const string FullColor = "#36c";

    public static string Render(JsonArray points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var data = points.OfType<JsonObject>()
            .Select(p => (Tasks: Number(p["tasks"]), Seconds: Number(p["median_seconds"]), Mb: Number(p["peak_mb"])))
            .OrderBy(p => p.Tasks).ToList();

        // Points measured since plans keep stamps also have the plan in full (--no-stamp: no stamp, no action index).
        var full = points.OfType<JsonObject>().Where(p => p["full_median_seconds"] is not null)
            .Select(p => (Tasks: Number(p["tasks"]), Seconds: Number(p["full_median_seconds"]), Mb: Number(p["full_peak_mb"])))
            .OrderBy(p => p.Tasks).ToList();
        var width = Left + PanelWidth + Gap + PanelWidth + 30;
        var height = Top + PanelHeight + 70;
        var svg = new StringBuilder();
        svg.Append(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"11\">\n"));
        svg.Append(F($"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n"));
        Panel(svg, Left, "no-op plan: wall time (median)", "s", [Series(data, d => d.Seconds, StampColor), Series(full, d => d.Seconds, FullColor)], 2.0, "goal 2 s");
        Panel(svg, Left + PanelWidth + Gap, "no-op plan: peak memory", "MB", [Series(data, d => d.Mb, StampColor), Series(full, d => d.Mb, FullColor)], 1024, "goal 1 GiB");
        if (full.Count > 0)
        {
            var y = Top + PanelHeight + 52;
            svg.Append(F($"<circle cx=\"{Left + 5}\" cy=\"{y - 4}\" r=\"3.5\" fill=\"{StampColor}\"/><text x=\"{Left + 14}\" y=\"{y}\">trajbuild plan (nothing changed since the last plan: answered from its stamp)</text>\n"));
            svg.Append(F($"<circle cx=\"{Left + PanelWidth + Gap + 5}\" cy=\"{y - 4}\" r=\"3.5\" fill=\"{FullColor}\"/><text x=\"{Left + PanelWidth + Gap + 14}\" y=\"{y}\">trajbuild plan --no-stamp (in full: no stamp, no action index)</text>\n"));
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static (List<(double X, double Y)> Points, string Color) Series(List<(double Tasks, double Seconds, double Mb)> data, Func<(double Tasks, double Seconds, double Mb), double> y, string color) =>
        (data.Select(d => (d.Tasks, y(d))).ToList(), color);

    private static void Panel(StringBuilder svg, int x0, string title, string unit, List<(List<(double X, double Y)> Points, string Color)> series, double goal, string goalLabel)
    {
        var all = series.SelectMany(s => s.Points).ToList();
        var xs = all.Select(d => d.X).Append(1_000).Append(1_000_000).ToList();
        var ys = all.Select(d => d.Y).Append(goal).ToList();
        var (xMin, xMax) = Decades(xs.Min(), xs.Max());
        var (yMin, yMax) = Decades(ys.Min(), ys.Max());
        double Px(double x) => x0 + (PanelWidth * (Math.Log10(x) - xMin) / (xMax - xMin));
        double Py(double y) => Top + PanelHeight - (PanelHeight * (Math.Log10(y) - yMin) / (yMax - yMin));

        svg.Append(F($"<text x=\"{x0}\" y=\"{Top - 15}\" font-size=\"13\" font-weight=\"bold\">{title}</text>\n"));
        svg.Append(F($"<rect x=\"{x0}\" y=\"{Top}\" width=\"{PanelWidth}\" height=\"{PanelHeight}\" fill=\"none\" stroke=\"#444\"/>\n"));
        for (var e = xMin; e <= xMax; e++)
        {
            var px = Px(Math.Pow(10, e));
            svg.Append(F($"<line x1=\"{px:F1}\" y1=\"{Top}\" x2=\"{px:F1}\" y2=\"{Top + PanelHeight}\" stroke=\"#ddd\"/>\n"));
            svg.Append(F($"<text x=\"{px:F1}\" y=\"{Top + PanelHeight + 15}\" text-anchor=\"middle\">{Count(Math.Pow(10, e))}</text>\n"));
        }

        for (var e = yMin; e <= yMax; e++)
        {
            var py = Py(Math.Pow(10, e));
            svg.Append(F($"<line x1=\"{x0}\" y1=\"{py:F1}\" x2=\"{x0 + PanelWidth}\" y2=\"{py:F1}\" stroke=\"#ddd\"/>\n"));
            svg.Append(F($"<text x=\"{x0 - 5}\" y=\"{py + 4:F1}\" text-anchor=\"end\">{Value(Math.Pow(10, e))} {unit}</text>\n"));
        }

        svg.Append(F($"<text x=\"{x0 + (PanelWidth / 2)}\" y=\"{Top + PanelHeight + 35}\" text-anchor=\"middle\">tasks (4 targets each + 2)</text>\n"));
        var gy = Py(goal);
        svg.Append(F($"<line x1=\"{x0}\" y1=\"{gy:F1}\" x2=\"{x0 + PanelWidth}\" y2=\"{gy:F1}\" stroke=\"#2a7\" stroke-dasharray=\"6 4\"/>\n"));
        svg.Append(F($"<text x=\"{x0 + 5}\" y=\"{gy - 4:F1}\" fill=\"#2a7\">{goalLabel}</text>\n"));
        foreach (var (data, color) in series)
        {
            if (data.Count > 1)
            {
                svg.Append(F($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\""));
                svg.Append(string.Join(" ", data.Select(d => F($"{Px(d.X):F1},{Py(d.Y):F1}"))));
                svg.Append("\"/>\n");
            }

            foreach (var (x, y) in data)
            {
                svg.Append(F($"<circle cx=\"{Px(x):F1}\" cy=\"{Py(y):F1}\" r=\"3.5\" fill=\"{color}\"/>\n"));
                svg.Append(F($"<text x=\"{Px(x) + 6:F1}\" y=\"{Py(y) - 8:F1}\">{Value(y)} {unit}</text>\n"));
            }
        }
    }

    // Whatever the node holds (a parsed number, or an int or double set in memory).
    private static double Number(JsonNode? node) => double.Parse(node?.ToJsonString() ?? "0", CultureInfo.InvariantCulture);

    private static (int Min, int Max) Decades(double min, double max)
    {
        var low = (int)Math.Floor(Math.Log10(Math.Max(min, 1e-3)));
        var high = (int)Math.Ceiling(Math.Log10(Math.Max(max, 1e-3)));
        return (low, high == low ? low + 1 : high);
    }

    private static string Count(double n) => n >= 1_000_000 ? F($"{n / 1_000_000:0.#}M") : n >= 1_000 ? F($"{n / 1_000:0.#}k") : F($"{n:0}");

    private static string Value(double v) => v >= 100 ? F($"{v:0}") : v >= 1 ? F($"{v:0.#}") : F($"{v:0.###}");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
