using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TrajectoryBuild.Packaging.Output;

/// <summary>
/// Assigns split units (repositories or tasks) to splits so no unit is in two splits. Each unit's key is the
/// first 8 bytes (big-endian) of <c>SHA-256("{seed}\n{unit}")</c>; units are sorted by key (then by name), their
/// rows laid end to end on [0, 1), and a unit goes to the split whose cumulative fraction interval holds the
/// midpoint of its own row range. Splits are filled in declared order.
/// </summary>
/// <remarks>
/// The rule is deterministic (no <see cref="Random"/>), honours fractions by rows as closely as unit sizes allow,
/// and is stable: adding a unit shifts the others' midpoints by at most its own share of rows, so only units that
/// sit at a split boundary can move.
/// </remarks>
public static class SplitAssigner
{
    /// <summary>Assigns every unit to a split.</summary>
    /// <param name="units">The units with their row counts; names must be distinct.</param>
    /// <param name="options">The seed and fractions.</param>
    /// <returns>Unit name to split name, for every unit.</returns>
    /// <exception cref="ArgumentException">No splits, a negative fraction, fractions that do not sum to 1, duplicate units or negative rows.</exception>
    public static IReadOnlyDictionary<string, string> Assign(IEnumerable<SplitUnitRows> units, SplitOptions options)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);

        var ordered = units.Select(unit => (Unit: unit, Key: KeyOf(options.Seed, unit.Unit)))
            .OrderBy(item => item.Key)
            .ThenBy(item => item.Unit.Unit, StringComparer.Ordinal)
            .ToList();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ordered.Any(item => item.Unit.Rows < 0))
        {
            throw new ArgumentException("A split unit has negative rows.", nameof(units));
        }

        // Units with no rows still get a split; weigh each as one row so the rule stays total.
        var weights = ordered.Select(item => (double)Math.Max(item.Unit.Rows, 0)).ToList();
        if (weights.Sum() == 0)
        {
            weights = [.. weights.Select(_ => 1d)];
        }

        var total = weights.Sum();
        var start = 0d;
        for (var index = 0; index < ordered.Count; index++)
        {
            var midpoint = (start + (weights[index] / 2)) / total;
            start += weights[index];
            if (!result.TryAdd(ordered[index].Unit.Unit, SplitAt(options.Fractions, midpoint)))
            {
                throw new ArgumentException($"The split unit '{ordered[index].Unit.Unit}' is listed twice.", nameof(units));
            }
        }

        return result;
    }

    internal static ulong KeyOf(long seed, string unit)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed.ToString(CultureInfo.InvariantCulture) + "\n" + unit));
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }

    private static string SplitAt(IReadOnlyList<SplitFraction> fractions, double point)
    {
        var cumulative = 0d;
        foreach (var fraction in fractions)
        {
            cumulative += fraction.Fraction;
            if (point < cumulative)
            {
                return fraction.Name;
            }
        }

        // Rounding can leave the sum a hair under 1: the last split with a share takes the rest.
        return fractions.Last(fraction => fraction.Fraction > 0).Name;
    }

    private static void Validate(SplitOptions options)
    {
        var errors = new List<string>();
        if (options.Fractions.Count == 0)
        {
            errors.Add("no splits are declared");
        }

        errors.AddRange(options.Fractions.Where(f => f.Fraction is < 0 or > 1 || double.IsNaN(f.Fraction)).Select(f => $"split '{f.Name}' has fraction {f.Fraction.ToString(CultureInfo.InvariantCulture)} outside 0 to 1"));
        errors.AddRange(options.Fractions.GroupBy(f => f.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"split '{g.Key}' is declared twice"));
        errors.AddRange(options.Fractions.Where(f => string.IsNullOrWhiteSpace(f.Name)).Select(_ => "a split has no name"));
        var sum = options.Fractions.Sum(f => f.Fraction);
        if (options.Fractions.Count > 0 && Math.Abs(sum - 1) > 1e-6)
        {
            errors.Add($"split fractions sum to {sum.ToString(CultureInfo.InvariantCulture)}, not 1");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid split options: " + string.Join("; ", errors) + ".", nameof(options));
        }
    }
}
