using System.Diagnostics;
using System.Text.Json.Nodes;

namespace TrajectoryBuild.Reproduction.Tests.Stages;

/// <summary>
/// A local task source built for the test: one small Python repository (<c>hostile/box</c>) and SWE-bench-style task
/// rows on its base commit, each with a test patch adding one test file and a gold patch. Some are well-behaved, the
/// others are hostile (endless loop, fork bomb, memory hog, endless output, network access, writes outside the workspace,
/// a fix that can only be checked online) or
/// broken (bad gold patch, random test).
/// </summary>
internal static class HostileTasks
{
    /// <summary>The marker every fork-bomb process carries in its command line, to look for leftovers.</summary>
    public const string BombMarker = "trajbuild_bomb";

    /// <summary>What the huge-file task prints, with the errno and the file's size, when a write is first refused.</summary>
    public const string HugeFileRefused = "trajbuild-huge-file-refused";

    /// <summary>Files the escape task tries to create outside its workspace (system folders: root's, never the run's user's).</summary>
    public static readonly string[] EscapeTargets = ["/trajbuild_escape", "/etc/trajbuild_escape", "/usr/lib/trajbuild_escape", "/var/lib/trajbuild_escape", "/root/trajbuild_escape"];

    private const string Source = "def answer():\n    return 41\n";

    /// <summary>Test file body per task; the gold patch is the fix unless named otherwise.</summary>
    private static readonly Dictionary<string, (string Tests, string? Gold)> s_tasks = new(StringComparer.Ordinal)
    {
        ["good"] = ("from box import answer\n\n\ndef test_answer():\n    assert answer() == 42\n\n\ndef test_stable():\n    assert True\n", null),
        ["bad-gold"] = ("from box import answer\n\n\ndef test_answer():\n    assert answer() == 42\n", "def answer():\n    # a comment is not a fix\n    return 41\n"),
        ["flaky"] = ("import os\n\nfrom box import answer\n\n\ndef test_answer():\n    assert answer() == 42\n\n\ndef test_coin():\n    assert os.urandom(1)[0] % 2 == 0\n", null),
        ["hang"] = ("from box import answer\n\n\ndef test_answer():\n    while True:\n        pass\n    assert answer() == 42\n", null),
        ["network"] = ("import socket\n\nfrom box import answer\n\n\ndef test_answer():\n    assert answer() == 42\n\n\ndef test_download():\n    socket.create_connection((\"1.1.1.1\", 80), timeout=3).close()\n", null),
        // The only test of the fix goes online first: it fails on the network whatever the fix does.
        ["offline"] = ("import socket\n\nfrom box import answer\n\n\ndef test_answer():\n    socket.create_connection((\"1.1.1.1\", 443), timeout=3).close()\n    assert answer() == 42\n", null),
        ["fork-bomb"] = ("import subprocess\n\nfrom box import answer\n\n\ndef test_answer():\n    subprocess.run([\"bash\", \"-c\", \"" + BombMarker + "(){ " + BombMarker + " | " + BombMarker + " & }; " + BombMarker + "; sleep 3600\"])\n    assert answer() == 42\n", null),
        ["configured"] = ("from box import answer\n\n\ndef test_answer():\n    with open(\"installed.txt\") as marker:\n        assert marker.read() == \"yes\\n\"\n    assert answer() == 42\n", null),
        ["memory-hog"] = ("from box import answer\n\n\ndef test_answer():\n    hog = bytearray(3 * 1024 ** 3)\n    hog[::4096] = b\"x\" * len(hog[::4096])\n    assert answer() == 42\n", null),
        // Past pytest's capture, straight to the run's output, without end.
        ["huge-output"] = ("from box import answer\n\n\ndef test_answer(capsys):\n    with capsys.disabled():\n        while True:\n            print(\"x\" * 4096)\n    assert answer() == 42\n", null),
        // 10 MB files in the worktree, one after the other, without end.
        ["disk-hog"] = ("from box import answer\n\n\ndef test_answer():\n    i = 0\n    while True:\n        with open(\"fill-%d.bin\" % i, \"wb\") as out:\n            out.write(b\"x\" * 10000000)\n        i += 1\n    assert answer() == 42\n", null),
        // One file in the worktree, growing without end; once a write fails (said past pytest's capture, with the
        // file's size), more of them.
        ["huge-file"] = ("import os\n\nfrom box import answer\n\n\ndef test_answer(capsys):\n    refused = False\n    with open(\"huge.bin\", \"wb\") as out:\n        while True:\n            try:\n                out.write(b\"x\" * 1048576)\n                out.flush()\n            except OSError as e:\n                if not refused:\n                    refused = True\n                    with capsys.disabled():\n                        print(\"" + HugeFileRefused + " %d %d\" % (e.errno, os.fstat(out.fileno()).st_size), flush=True)\n    assert answer() == 42\n", null),
        // Each write outside the workspace must fail; the test says which ones did not.
        ["escape"] = ("from box import answer\n\nTARGETS = [" + string.Join(", ", EscapeTargets.Select(t => $"\"{t}\"")) + "]\n\n\ndef test_answer():\n    assert answer() == 42\n\n\n"
            + "def test_outside():\n    written = []\n    for path in TARGETS:\n        try:\n            with open(path, \"w\") as out:\n                out.write(\"escaped\\n\")\n            written.append(path)\n        except OSError:\n            pass\n    assert written == []\n\n\n"
            + "def test_plant():\n    with open(TARGETS[1], \"w\") as out:\n        out.write(\"escaped\\n\")\n", null),
    };

    /// <summary>A distinct story per task, so that mining's near-duplicate check keeps each of them.</summary>
    private static readonly Dictionary<string, string> s_stories = new(StringComparer.Ordinal)
    {
        ["good"] = "The oracle miscounts by one when asked about life, the universe and everything.",
        ["bad-gold"] = "Reviewers noticed the answer is stale, yet the proposed change only touches comments.",
        ["flaky"] = "A coin-flip check sits beside the real regression test and nobody seeded it.",
        ["hang"] = "Running the new check never finishes: it spins in a busy loop that has no way out.",
        ["network"] = "One new test downloads a page from a public address, which sandboxes must refuse.",
        ["offline"] = "The regression test checks a licence server on the internet before it looks at the answer.",
        ["fork-bomb"] = "A helper script spawns copies of itself without end, starving the process table.",
        ["configured"] = "The task brings its own install step and test command, which the environment must honour.",
        ["memory-hog"] = "The regression test reserves gigabytes of memory before checking the return value.",
        ["huge-output"] = "A chatty test prints the same line forever, bypassing the output capture of the runner.",
        ["escape"] = "A test tries to plant files in system folders outside the checkout it was given.",
        ["disk-hog"] = "A cache warmer writes ten megabyte blobs into the checkout until something stops it.",
        ["huge-file"] = "A log rotation bug appends to one file forever, which grows past any sensible size.",
    };

    /// <summary>Writes the source under <paramref name="folder"/> (tasks.jsonl and repos/hostile/box.git) with the named tasks.</summary>
    public static void Write(string folder, params string[] names) =>
        Write(folder, names.Select(name => new HostileTask(name, s_tasks[name].Tests, s_tasks[name].Gold, s_stories[name])));

    /// <summary>Writes the source under <paramref name="folder"/> with <paramref name="tasks"/>, each made by the test.</summary>
    public static void Write(string folder, IEnumerable<HostileTask> tasks)
    {
        var work = Path.Combine(folder, "work");
        Directory.CreateDirectory(Path.Combine(work, "tests"));
        File.WriteAllText(Path.Combine(work, "box.py"), Source);
        File.WriteAllText(Path.Combine(work, "tests", "conftest.py"), "import os\nimport sys\n\nsys.path.insert(0, os.path.dirname(os.path.dirname(__file__)))\n");
        Git(work, "init", "-q");
        Git(work, "add", "-A");
        Git(work, "commit", "-q", "-m", "box");
        var baseCommit = Git(work, "rev-parse", "HEAD");

        var rows = new List<string>();
        foreach (var (name, tests, gold, story) in tasks)
        {
            var file = $"tests/test_{name.Replace('-', '_')}.py";
            File.WriteAllText(Path.Combine(work, file), tests);
            Git(work, "add", "-A");
            var testPatch = Git(work, "diff", "--cached", "HEAD") + "\n";
            Git(work, "reset", "-q", "--hard", "HEAD");
            File.WriteAllText(Path.Combine(work, "box.py"), gold ?? $"def answer():\n    \"\"\"{story}\"\"\"\n    return 42\n");
            var goldPatch = Git(work, "diff", "HEAD") + "\n";
            Git(work, "checkout", "-q", "--", ".");
            rows.Add(new JsonObject
            {
                ["instance_id"] = $"hostile__box-{name}",
                ["repo"] = "hostile/box",
                ["base_commit"] = baseCommit,
                ["patch"] = goldPatch,
                ["test_patch"] = testPatch,
                ["problem_statement"] = $"{name}: {story}",
                ["created_at"] = "2024-06-01T00:00:00Z",
                ["install_config"] = name == "configured"
                    ? new JsonObject { ["install"] = "echo yes > installed.txt", ["test_cmd"] = "python3 -m pytest -rA -p no:cacheprovider tests/test_configured.py", ["python"] = "3.9" }
                    : null,
            }.ToJsonString());
        }

        Directory.CreateDirectory(Path.Combine(folder, "repos", "hostile"));
        Git(folder, "clone", "-q", "--bare", work, Path.Combine(folder, "repos", "hostile", "box.git"));
        Directory.Delete(work, recursive: true);
        File.WriteAllText(Path.Combine(folder, "tasks.jsonl"), string.Join('\n', rows) + "\n");
    }

    /// <summary>Processes on this host (containers' included) whose command line has the fork-bomb marker.</summary>
    public static int BombProcesses() =>
        Directory.EnumerateDirectories("/proc").Count(dir =>
        {
            try
            {
                return int.TryParse(Path.GetFileName(dir), out _) && File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(BombMarker, StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        });

    private static string Git(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-c", "user.name=test", "-c", "user.email=test@example.invalid", "-c", "init.defaultBranch=main", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.TrimEnd('\n') : throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {error}");
    }
}

/// <summary>One task of the box repository: its test file, its gold <c>box.py</c> (null: the fix), and its story.</summary>
internal sealed record HostileTask(string Name, string Tests, string? Gold, string Story);
