using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Parquet.Schema;
using TrajectoryBuild.Mining.Sources;
using TrajectoryBuild.Mining.Tasks;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Mining.Tests.Sources;

/// <summary>
/// Bad input at the task-row door: real rows (SWE-bench Lite's sqlfluff-2419, SWE-smith's pandas-53652, the
/// demo's) mutated with a fixed seed and written between untouched copies into one dataset file, read as Mine reads
/// it. Each bad row must be rejected with the file, its line or row, and a reason; no good row may be lost.
/// </summary>
public sealed class TaskRowFuzzTests : IDisposable
{
    private const string Area = "Bad input: task rows";
    private const int Seed = 20261124;
    private const string Placeholder = "\u0001fuzz\u0001";
    private static readonly string[] s_reasons = [RejectionReasons.Malformed, RejectionReasons.MissingField, RejectionReasons.BadPatch, RejectionReasons.UnsafePatch, RejectionReasons.DuplicateId];
    private static readonly string[] s_replacements =
    [
        "42", "-1", "3.5", "1e400", "true", "null", "[]", "{}", "\"\"", "\" \"", "\"x\"", "[1, 2]", "[null]", "{\"a\": []}", "\"\\ud800\"",
        new string('[', 10_000) + new string(']', 10_000),
    ];

    private static readonly (string Field, int Megabytes)[] s_huge = [("problem_statement", 8), ("patch", 1), ("FAIL_TO_PASS", 1)];
    private static readonly string[] s_notObjects = ["[]", "42", "null", "\"row\"", "[{}]"];

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static IEnumerable<(string Name, JsonObject Row)> RealRows() =>
    [
        ("sqlfluff-2419", (JsonObject)JsonNode.Parse(File.ReadAllText(TestRows.DataFile("swebench_lite_sqlfluff__sqlfluff-2419.json")))!),
        ("pandas-53652", (JsonObject)JsonNode.Parse(File.ReadAllText(TestRows.DataFile("swesmith_pandas_pr_53652_instance.json")))!),
        ("acme-calc", TestRows.Row("acme__calc-1")),
    ];

    [Fact]
    public async Task JsonLines_MutatedRealRows_EachBadOneRejectedWithItsLineAndReason_AndNoGoodRowLost()
    {
        var random = new Random(Seed);
        var lines = new List<byte[]>();
        var good = new Dictionary<string, int>(StringComparer.Ordinal);
        var mutated = new Dictionary<int, string>();
        var copies = 0;
        foreach (var (name, row) in RealRows())
        {
            foreach (var (mutation, bytes) in Mutations(row, name, random))
            {
                // An untouched copy, under an id of its own, before every mutated row: none may be lost.
                var copy = (JsonObject)row.DeepClone();
                copy["instance_id"] = $"{name}-good-{copies++}";
                lines.Add(Encoding.UTF8.GetBytes(copy.ToJsonString()));
                good[copy["instance_id"]!.GetValue<string>()] = lines.Count;
                lines.Add(bytes);
                mutated[lines.Count] = $"{name} {mutation}";
            }
        }

        var file = _temp.Combine("rows.jsonl");
        await File.WriteAllBytesAsync(file, [.. lines.SelectMany(l => l.Append((byte)'\n'))], TestContext.Current.CancellationToken);
        using var record = ReliabilityRecord.Start(Area, $"{RealRows().Count()} real rows (SWE-bench Lite sqlfluff-2419, SWE-smith pandas-53652, the demo's) mutated {mutated.Count} ways (seed {Seed}) between {good.Count} untouched copies in one JSONL file: "
            + "each field missing, or of the wrong type (numbers, 1e400, booleans, null, lists, objects, empty and blank strings, an unpaired surrogate, 10,000-deep nesting), strings of 1 and 8 MB, "
            + "lines cut short, bytes flipped, invalid UTF-8, NUL, a duplicate key, a BOM, rows that are not objects");

        var result = await SweBenchFileSource.ReadAsync("fuzz", file, "rows.jsonl", null, null, TestContext.Current.CancellationToken);

        result.CandidatesSeen.ShouldBe(lines.Count(l => !string.IsNullOrWhiteSpace(Encoding.UTF8.GetString(l))));
        (result.Tasks.Count + result.Rejections.Count).ShouldBe(result.CandidatesSeen);
        var tasksByOrigin = result.Tasks.ToDictionary(t => t.Provenance.Origin, StringComparer.Ordinal);
        foreach (var (id, line) in good)
        {
            tasksByOrigin.ShouldContainKey($"rows.jsonl#L{line}", id);
            tasksByOrigin[$"rows.jsonl#L{line}"].InstanceId.ShouldBe(id);
            record.Case();
        }

        // Each mutated row is a task at its line, or exactly one rejection naming its line and why.
        var rejections = result.Rejections.ToLookup(r => LineOf(r.Detail));
        rejections.Select(r => r.Key).ShouldAllBe(line => mutated.ContainsKey(line), "a good row was rejected");
        var (accepted, rejected) = (0, new Dictionary<string, int>(StringComparer.Ordinal));
        foreach (var (line, what) in mutated)
        {
            if (tasksByOrigin.ContainsKey($"rows.jsonl#L{line}"))
            {
                rejections[line].ShouldBeEmpty(what);
                accepted++;
            }
            else
            {
                var rejection = rejections[line].ShouldHaveSingleItem(what);
                rejection.Detail.ShouldStartWith($"rows.jsonl#L{line}: ", Case.Sensitive, what);
                rejection.Reason.ShouldBeOneOf(s_reasons, $"{what}: {rejection}");
                rejection.Detail[$"rows.jsonl#L{line}: ".Length..].Trim().Length.ShouldBeGreaterThan(10, what);
                rejected[rejection.Reason] = rejected.GetValueOrDefault(rejection.Reason) + 1;
            }

            record.Case();
        }

        record.Passed($"no exception; all {good.Count} untouched copies read as tasks at their lines; of the {mutated.Count} mutated rows, "
            + string.Join(", ", rejected.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Value} {r.Key}"))
            + $" rejected, each naming file#Lline and why; {accepted} still tasks, each a change the task format allows: an optional field missing or null, a field it does not read "
            + "(image, eval_type, log_parser ...) of any type, created_at or version as any scalar (the date window rejects a created_at that is not a date), a byte changed inside a string, a BOM; cases = rows read");
    }

    private static IEnumerable<(string Name, byte[] Bytes)> Mutations(JsonObject row, string name, Random random)
    {
        var id = $"{name}-bad-";
        var n = 0;
        foreach (var field in row.Select(p => p.Key).ToList())
        {
            var missing = (JsonObject)row.DeepClone();
            missing["instance_id"] = id + n++;
            missing.Remove(field);
            yield return ($"without {field}", Encoding.UTF8.GetBytes(missing.ToJsonString()));
            foreach (var replacement in s_replacements.OrderBy(_ => random.Next()).Take(3))
            {
                yield return ($"{field} = {replacement[..Math.Min(12, replacement.Length)]}", Replaced(row, field, replacement, id + n++));
            }
        }

        foreach (var (field, megabytes) in s_huge)
        {
            yield return ($"{megabytes} MB {field}", Replaced(row, field, "\"" + new string('y', megabytes << 20) + "\"", id + n++));
        }

        var text = Encoding.UTF8.GetBytes(Renamed(row, id + n++).ToJsonString());
        for (var k = 0; k < 4; k++)
        {
            yield return ($"cut {k}", text[..random.Next(1, text.Length)]);
        }

        for (var k = 0; k < 3; k++)
        {
            var flipped = Encoding.UTF8.GetBytes(Renamed(row, id + n++).ToJsonString());
            for (var f = 0; f < 1 + random.Next(4); f++)
            {
                flipped[random.Next(flipped.Length)] = (byte)random.Next(256);
            }

            yield return ($"bytes flipped {k}", flipped);
        }

        var utf8 = Encoding.UTF8.GetBytes(Renamed(row, id + n++).ToJsonString());
        var at = random.Next(utf8.Length);
        yield return ("invalid UTF-8", [.. utf8[..at], 0xC3, 0x28, .. utf8[at..]]);
        var nul = Encoding.UTF8.GetBytes(Renamed(row, id + n++).ToJsonString());
        var nulAt = at % nul.Length;
        yield return ("NUL", [.. nul[..nulAt], 0, .. nul[nulAt..]]);
        yield return ("duplicate key", Encoding.UTF8.GetBytes("{\"instance_id\": \"dup\"," + Renamed(row, id + n++).ToJsonString()[1..]));
        yield return ("BOM", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Renamed(row, id + n++).ToJsonString())]);
        foreach (var notAnObject in s_notObjects)
        {
            yield return ($"a row of {notAnObject}", Encoding.UTF8.GetBytes(notAnObject));
        }
    }

    [Fact]
    public async Task JsonFile_BadItemsRejectedOneByOne_AndADocumentThatIsNotJsonFailsTheSourceNamingTheFile()
    {
        var random = new Random(Seed);
        var items = new List<string>();
        var good = new Dictionary<int, string>();
        var bad = new Dictionary<int, string>();
        foreach (var (name, row) in RealRows())
        {
            foreach (var (mutation, bytes) in Mutations(row, name, random).Where(m => m.Name.Contains(" = ", StringComparison.Ordinal) || m.Name.StartsWith("without", StringComparison.Ordinal) || m.Name.StartsWith("a row of", StringComparison.Ordinal)))
            {
                var text = Encoding.UTF8.GetString(bytes);
                if (text.Contains("[[[[", StringComparison.Ordinal))
                {
                    continue; // nesting past the document's depth limit fails the whole file: the case below
                }

                good[items.Count] = $"{name}-good-{items.Count}";
                items.Add(Renamed(row, good[items.Count]).ToJsonString());
                bad[items.Count] = $"{name} {mutation}";
                items.Add(text);
            }
        }

        var file = _temp.Combine("rows.json");
        await File.WriteAllTextAsync(file, "[" + string.Join(",\n", items) + "]", TestContext.Current.CancellationToken);
        var whole = Encoding.UTF8.GetBytes(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
        (string Name, byte[] Bytes)[] broken =
        [
            ("cut short", whole[..(whole.Length / 2)]), ("invalid UTF-8", [.. whole[..100], 0xFF, .. whole[100..]]),
            ("nested 10,000 deep", Encoding.UTF8.GetBytes("[" + new string('[', 10_000) + new string(']', 10_000) + "]")), ("empty", []), ("a number", "42"u8.ToArray()),
        ];
        using var record = ReliabilityRecord.Start(Area, $"a JSON dataset file (an array of rows) with {bad.Count} mutated rows (wrong types, missing fields, not objects) between {good.Count} untouched copies; "
            + $"and {broken.Length} files that are not a JSON document of rows (cut short, invalid UTF-8, nested 10,000 deep, empty, a number)");

        var result = await SweBenchFileSource.ReadAsync("fuzz", file, "rows.json", null, null, TestContext.Current.CancellationToken);

        result.CandidatesSeen.ShouldBe(items.Count);
        var tasks = result.Tasks.ToDictionary(t => t.Provenance.Origin, StringComparer.Ordinal);
        foreach (var (index, id) in good)
        {
            tasks[$"rows.json#{index}"].InstanceId.ShouldBe(id);
            record.Case();
        }

        foreach (var (index, what) in bad)
        {
            if (!tasks.ContainsKey($"rows.json#{index}"))
            {
                result.Rejections.Where(r => r.Detail.StartsWith($"rows.json#{index}: ", StringComparison.Ordinal)).ShouldHaveSingleItem(what).Reason.ShouldBeOneOf(s_reasons, what);
            }

            record.Case();
        }

        result.Rejections.Count.ShouldBe(bad.Count - bad.Keys.Count(i => tasks.ContainsKey($"rows.json#{i}")));
        foreach (var (name, bytes) in broken)
        {
            var path = _temp.Combine($"broken-{broken.ToList().FindIndex(b => b.Name == name)}.json");
            await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);

            var failure = await Should.ThrowAsync<SourceReadException>(() => SweBenchFileSource.ReadAsync("fuzz", path, "broken.json", null, null, TestContext.Current.CancellationToken));

            failure.Message.ShouldStartWith("source 'fuzz': 'broken.json' ", Case.Sensitive, name);
            record.Case();
        }

        record.Passed($"all {good.Count} untouched rows read as tasks at their index; {result.Rejections.Count} of the mutated ones rejected, each naming file#index and why, the rest still tasks the format allows; "
            + "each broken file failed its source with one error naming the file and why (\"is not valid UTF-8\", \"is not valid JSON: ...\", \"holds neither rows nor a row\"): a document that does not parse has no rows to tell apart");
    }

    [Fact]
    public async Task Parquet_BadRowsRejectedWithTheirIndex_ColumnsOfTheWrongTypeRejectedRowByRow_AndCorruptFilesFailTheSourceNamingTheFile()
    {
        string?[] columns = ["instance_id", "repo", "base_commit", "patch", "test_patch", "problem_statement", "FAIL_TO_PASS", "version"];
        string?[] goodRow = ["acme__calc-1", "acme/calc", TestRows.Sha, TestRows.CodePatch, TestRows.TestPatch, "add() subtracts", "[\"tests/test_calc.py::test_add\"]", "1.0"];
        (string Column, string? Value, string Reason)[] badValues =
        [
            ("instance_id", null, RejectionReasons.MissingField), ("instance_id", " ", RejectionReasons.MissingField), ("repo", "acme/../calc", RejectionReasons.Malformed),
            ("base_commit", "xyz", RejectionReasons.Malformed), ("base_commit", null, RejectionReasons.MissingField), ("patch", null, RejectionReasons.MissingField),
            ("patch", "just words", RejectionReasons.BadPatch), ("patch", TestRows.EscapingPatch, RejectionReasons.UnsafePatch), ("patch", TestRows.BrokenPatch, RejectionReasons.BadPatch),
            ("test_patch", "just words", RejectionReasons.BadPatch), ("FAIL_TO_PASS", "[1", RejectionReasons.Malformed), ("FAIL_TO_PASS", "{}", RejectionReasons.Malformed),
            ("FAIL_TO_PASS", "[1, 2]", RejectionReasons.Malformed),
        ];
        var rows = new List<string?[]>();
        foreach (var (column, value, _) in badValues)
        {
            rows.Add(With(goodRow, columns, "instance_id", $"good-{rows.Count}"));
            var bad = With(goodRow, columns, "instance_id", $"bad-{rows.Count}");
            rows.Add(With(bad, columns, column, value));
        }

        var file = _temp.Combine("rows.parquet");
        await WriteParquetAsync(file, columns, rows);
        var bytes = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
        var random = new Random(Seed);
        var corrupt = new List<(string Name, byte[] Bytes)> { ("empty", []), ("JSON", "{\"instance_id\": \"a\"}"u8.ToArray()), ("only the magic", "PAR1PAR1"u8.ToArray()) };
        for (var n = 0; n < 400; n++)
        {
            corrupt.Add(($"cut {n}", bytes[..random.Next(bytes.Length)]));
            var flipped = (byte[])bytes.Clone();
            flipped[random.Next(flipped.Length)] ^= (byte)(1 + random.Next(255));
            corrupt.Add(($"byte flipped {n}", flipped));
        }

        using var record = ReliabilityRecord.Start(Area, $"a Parquet dataset file with {badValues.Length} bad rows (a required column null or blank, a repo with '..', a short commit, patches that are words, escaping or broken, test lists that are not lists) between untouched copies; "
            + $"columns of the wrong type (instance_id as integers, FAIL_TO_PASS as booleans); {corrupt.Count} corrupt files (empty, JSON, the magic alone, cut short, a byte flipped)");

        var result = await SweBenchFileSource.ReadAsync("fuzz", file, "rows.parquet", null, null, TestContext.Current.CancellationToken);

        result.Tasks.Select(t => t.InstanceId).ShouldBe(rows.Where(r => r[0]?.StartsWith("good-", StringComparison.Ordinal) == true).Select(r => r[0]));
        result.Tasks.ShouldAllBe(t => t.Provenance.Origin == $"rows.parquet#{rows.FindIndex(r => r[0] == t.InstanceId)}");
        for (var i = 0; i < badValues.Length; i++)
        {
            var rejection = result.Rejections.Where(r => r.Detail.StartsWith($"rows.parquet#{(2 * i) + 1}: ", StringComparison.Ordinal)).ShouldHaveSingleItem(badValues[i].ToString());
            rejection.Reason.ShouldBe(badValues[i].Reason, rejection.Detail);
            record.Case();
        }

        foreach (var (column, type) in new[] { ("instance_id", typeof(long)), ("FAIL_TO_PASS", typeof(bool)) })
        {
            var typed = _temp.Combine($"typed-{column}.parquet");
            await WriteParquetAsync(typed, columns, [goodRow, goodRow], (column, type));

            var read = await SweBenchFileSource.ReadAsync("fuzz", typed, "typed.parquet", null, null, TestContext.Current.CancellationToken);

            read.Tasks.ShouldBeEmpty(column);
            read.Rejections.Select(r => (r.Reason, r.Detail[..r.Detail.IndexOf(':', StringComparison.Ordinal)])).ShouldBe([(RejectionReasons.Malformed, "typed.parquet#0"), (RejectionReasons.Malformed, "typed.parquet#1")], column);
            read.Rejections.ShouldAllBe(r => r.Detail.Contains($"'{column}' must be", StringComparison.Ordinal), column);
            record.Case();
        }

        var (failed, readAnyway) = (0, 0);
        foreach (var (name, content) in corrupt)
        {
            var path = _temp.Combine($"corrupt-{failed + readAnyway}.parquet");
            await File.WriteAllBytesAsync(path, content, TestContext.Current.CancellationToken);
            try
            {
                var read = await SweBenchFileSource.ReadAsync("fuzz", path, "corrupt.parquet", null, null, TestContext.Current.CancellationToken);

                // A flip the decoder does not notice (inside a value): the file still reads, each row a task or a rejection with its index.
                (read.Tasks.Count + read.Rejections.Count).ShouldBe(read.CandidatesSeen, name);
                read.Rejections.ShouldAllBe(r => r.Detail.StartsWith("corrupt.parquet#", StringComparison.Ordinal), name);
                readAnyway++;
            }
            catch (SourceReadException e)
            {
                e.Message.ShouldStartWith("source 'fuzz': 'corrupt.parquet' cannot be read as Parquet", Case.Sensitive, name);
                failed++;
            }

            record.Case();
        }

        record.Passed($"every untouched row read as a task at its row index; every bad row rejected with file#index and its reason (missing-field, malformed, bad-patch, unsafe-patch); "
            + "a column of the wrong type rejected each row as malformed, naming the column; "
            + $"{failed} corrupt files failed their source with one error naming the file (\"cannot be read as Parquet (at row N): ...\"), {readAnyway} (a flipped byte Parquet.Net still decodes) read row by row, each row a task or a rejection with its index; no other exception");
    }

    private static string?[] With(string?[] row, string?[] columns, string column, string? value)
    {
        var copy = (string?[])row.Clone();
        copy[Array.IndexOf(columns, column)] = value;
        return copy;
    }

    // String columns, except one of another type (its values made from each row's index) when asked.
    private static async Task WriteParquetAsync(string path, string?[] columns, List<string?[]> rows, (string Column, Type Type)? retyped = null)
    {
        var (other, type) = retyped ?? (string.Empty, typeof(string));
        DataField[] fields = [.. columns.Select(c => c != other ? new DataField<string>(c!) : type == typeof(long) ? new DataField<long>(c!) : (DataField)new DataField<bool>(c!))];
        var stream = File.Create(path);
        await using (stream)
        {
            var writer = await Parquet.ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, cancellationToken: TestContext.Current.CancellationToken);
            await using (writer)
            {
                using var group = writer.CreateRowGroup();
                for (var c = 0; c < columns.Length; c++)
                {
                    if (fields[c] is DataField<long>)
                    {
                        long[] numbers = [.. rows.Select((_, i) => (long)i)];
                        await group.WriteAsync<long>(fields[c], numbers, cancellationToken: TestContext.Current.CancellationToken);
                    }
                    else if (fields[c] is DataField<bool>)
                    {
                        bool[] flags = [.. rows.Select((_, i) => i % 2 == 0)];
                        await group.WriteAsync<bool>(fields[c], flags, cancellationToken: TestContext.Current.CancellationToken);
                    }
                    else
                    {
                        string?[] texts = [.. rows.Select(r => r[c])];
                        await group.WriteAsync(fields[c], texts);
                    }
                }
            }
        }
    }

    private static int LineOf(string detail) =>
        detail.StartsWith("rows.jsonl#L", StringComparison.Ordinal) && int.TryParse(detail["rows.jsonl#L".Length..detail.IndexOf(':', StringComparison.Ordinal)], CultureInfo.InvariantCulture, out var line) ? line : -1;

    private static JsonObject Renamed(JsonObject row, string id)
    {
        var copy = (JsonObject)row.DeepClone();
        copy["instance_id"] = id;
        return copy;
    }

    // The row with one field's value replaced by raw JSON text (which JsonNode could not hold: 1e400, deep nesting).
    private static byte[] Replaced(JsonObject row, string field, string json, string id)
    {
        var copy = Renamed(row, id);
        copy[field] = Placeholder;
        if (field == "instance_id")
        {
            copy["instance_id"] = Placeholder;
        }

        return Encoding.UTF8.GetBytes(copy.ToJsonString().Replace("\"\\u0001fuzz\\u0001\"", json, StringComparison.Ordinal));
    }
}
