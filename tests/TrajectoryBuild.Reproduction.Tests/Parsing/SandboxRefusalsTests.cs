using TrajectoryBuild.Reproduction.Parsing;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Reproduction.Tests.Parsing;

public sealed class SandboxRefusalsTests
{
    private static readonly string[] s_workspaces = ["/testbed", "/tmp", "/var/tmp", "/dev/shm"];
    private static readonly ITestLogParser s_pytest = TestLogParsers.Get("pytest");

    [Fact]
    public void Find_RealPytestLog_TiesEachRefusalToItsFailedTest_ThroughTheFailureSections()
    {
        var log = TestData.Text("B_pytest_sandbox_refusals.log");
        var statuses = s_pytest.Parse(log, 1);

        var found = SandboxRefusals.Find(log, statuses, s_workspaces);

        found.Select(r => (r.Kind, r.Test)).ShouldBe(
        [
            (SandboxRefusals.Network, "tests/test_net.py::test_connect"),
            (SandboxRefusals.Network, "tests/test_net.py::test_dns"),
            (SandboxRefusals.OutsideWorkspace, "tests/test_net.py::TestWrites::test_etc"),
            (SandboxRefusals.OutsideWorkspace, "tests/test_net.py::TestWrites::test_param[/root/trajbuild_y]"),
            (SandboxRefusals.OutsideWorkspace, "tests/test_net.py::TestWrites::test_param[/usr/lib/trajbuild_x]"),
        ]);
        found[0].Evidence.ShouldBe("[Errno 101] Network is unreachable");
        found[1].Evidence.ShouldBe("[Errno -3] Temporary failure in name resolution");
        found[2].Evidence.ShouldBe("[Errno 13] Permission denied: '/etc/trajbuild_escape'");
    }

    [Fact]
    public void Find_RefusalInsideTheRunsOwnFolders_IsTheTestsOwnBusiness()
    {
        var log = TestData.Text("B_pytest_sandbox_refusals.log");

        var found = SandboxRefusals.Find(log, s_pytest.Parse(log, 1), s_workspaces);

        // test_local's write into a read-only folder it made under /tmp, and the plain assertion, are not the sandbox's.
        found.ShouldNotContain(r => r.Test == "tests/test_net.py::test_local");
        found.ShouldNotContain(r => r.Test == "tests/test_net.py::test_plain_fail");
        SandboxRefusals.Find(log, s_pytest.Parse(log, 1), [.. s_workspaces, "/etc", "/usr/lib", "/root"])
            .ShouldAllBe(r => r.Kind == SandboxRefusals.Network);
    }

    [Fact]
    public void Find_SummaryLineWhole_TiesIt_AndALineNoTestCanBeFoundFor_IsTheRuns()
    {
        var statuses = new Dictionary<string, TestStatus>(StringComparer.Ordinal)
        {
            ["t.py::test_a"] = TestStatus.Failed,
            ["t.py::test_b"] = TestStatus.Passed,
        };
        const string Log = "fetching fixtures\ncurl: (6) Could not resolve host: example.com\n"
            + "FAILED t.py::test_a - PermissionError: [Errno 13] Permission denied: '/etc/x'\n";

        var found = SandboxRefusals.Find(Log, statuses, s_workspaces);

        found.ShouldBe(
        [
            new SandboxRefusal(SandboxRefusals.Network, null, "Could not resolve host: example.com"),
            new SandboxRefusal(SandboxRefusals.OutsideWorkspace, "t.py::test_a", "[Errno 13] Permission denied: '/etc/x'"),
        ]);
    }

    [Fact]
    public void Find_PassedTestsAndOtherErrors_AreNotRefusals()
    {
        var statuses = new Dictionary<string, TestStatus>(StringComparer.Ordinal)
        {
            ["t.py::test_a"] = TestStatus.Passed,
            ["t.py::test_b"] = TestStatus.Failed,
        };
        const string Log = "PASSED t.py::test_a - [Errno 101] Network is unreachable\n"
            + "_____ test_b _____\nE   ConnectionRefusedError: [Errno 111] Connection refused\nE   FileNotFoundError: [Errno 2] No such file or directory: '/etc/x'\n"
            + "E   PermissionError: [Errno 13] Permission denied: 'relative/file'\n";

        SandboxRefusals.Find(Log, statuses, s_workspaces).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("bash: /etc/hosts: Permission denied", SandboxRefusals.OutsideWorkspace, "/etc/hosts: Permission denied")]
    [InlineData("touch: cannot touch '/usr/x': Read-only file system", SandboxRefusals.OutsideWorkspace, "'/usr/x': Read-only file system")]
    [InlineData("OSError: [Errno 30] Read-only file system: '/sys/x'", SandboxRefusals.OutsideWorkspace, "[Errno 30] Read-only file system: '/sys/x'")]
    [InlineData("bash: /testbed/x: Permission denied", null, null)]
    [InlineData("bash: /testbedx/y: Permission denied", SandboxRefusals.OutsideWorkspace, "/testbedx/y: Permission denied")]
    [InlineData("fatal: unable to access 'https://github.com/a/b/': Could not resolve host: github.com", SandboxRefusals.Network, "Could not resolve host: github.com")]
    [InlineData("socket.gaierror: [Errno -2] Name or service not known", SandboxRefusals.Network, "[Errno -2] Name or service not known")]
    [InlineData("requests.exceptions.ConnectionError: HTTPSConnectionPool(host='pypi.org', port=443): Max retries exceeded (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f33de07f2d0>: Failed to establish a new connection: [Errno 101] Network is unreachable'))", SandboxRefusals.Network, "[Errno 101] Network is unreachable")]
    [InlineData("ConnectionRefusedError: [Errno 111] Connection refused", null, null)]
    public void Refusal_Line_IsTheRefusalItShows_InTheErrorsOwnWords(string line, string? kind, string? error)
    {
        var refusal = SandboxRefusals.Refusal(line, s_workspaces);

        refusal?.Kind.ShouldBe(kind);
        refusal?.Error.ShouldBe(error);
        (refusal is null).ShouldBe(kind is null);
    }

    [Fact]
    public async Task Find_HostileLines_AreReadInLinearTime_AndShowNoRefusal()
    {
        // Four megabytes of the lines that make a backtracking expression slow: slashes, quoted slashes, spaced slashes,
        // each with the error's words but not in an error's form. A read that takes the square of a line's length (more
        // than 3 s here before the bare path had to start a word; about 0.4 s since) fails the budget; an endless one
        // fails it too, not the run.
        string[] hostile = [.. new[] { new string('/', 4000), string.Concat(Enumerable.Repeat("'/", 2000)), string.Concat(Enumerable.Repeat(" /", 2000)), new string('/', 4000) + ":" }
            .Select(line => line + "Permission denied, Read-only file system")];
        var log = string.Join('\n', Enumerable.Range(0, 1024).Select(i => hostile[i % hostile.Length]));
        var statuses = new Dictionary<string, TestStatus>(StringComparer.Ordinal) { ["t.py::test_a"] = TestStatus.Failed };
        using var row = ReliabilityRecord.Start("Bad input: test logs", "the scan for what the sandbox refused, over 4 MiB of lines made for a backtracking expression (slashes, quoted slashes, spaced slashes, slashes before a colon), each with the refusal errors' words");

        var find = Task.Run(() => SandboxRefusals.Find(log, statuses, s_workspaces), TestContext.Current.CancellationToken);

        (await Task.WhenAny(find, Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken))).ShouldBe(find, "not read within 3 s");
        (await find).ShouldBeEmpty();
        row.Case();
        row.Passed("read in under 3 s (more than 3 s before a bare path had to start a word), no refusal found in them");
    }

    [Fact]
    public void Output_IsTheTextBetweenTheMarkers()
    {
        TestLog.Output("setup: Permission denied: '/etc/x'\n>>>>> Start Test Output\nthe tests\n>>>>> End Test Output\n").ShouldBe("\nthe tests\n");
        TestLog.Output("no markers").ShouldBe("no markers");
    }
}
