namespace TrajectoryBuild.Reproduction.Tests.Stages;

/// <summary>
/// Two tasks whose runs meet while both run on the local executor, through a folder every uid may write
/// (<c>rendezvous</c>): the <c>neighbour</c> publishes its worktree and HOME, and checks after the intruder is done that
/// neither changed; the <c>intruder</c> reads them, tries to read and write them, and looks for any folder under the temp
/// root it could write that is neither its own nor open to every user (the mode 1777 kind). Each run of one phase
/// (before the gold patch: <c>answer()</c> is 41; after: 42) waits for its partner's, so the runs overlap. Each also
/// leaves its uid in the rendezvous folder.
/// </summary>
internal static class FenceTasks
{
    public const string Neighbour = "neighbour";
    public const string Intruder = "intruder";

    /// <summary>The roles whose uids each run leaves in the rendezvous folder (<c>uid-&lt;role&gt;-&lt;phase&gt;</c>).</summary>
    public static readonly string[] Roles = [Neighbour, Intruder];

    /// <summary>The neighbour and the intruder, meeting in <paramref name="rendezvous"/>; the intruder searches <paramref name="tempRoot"/>.</summary>
    public static HostileTask[] Create(string rendezvous, string tempRoot) =>
    [
        new(Neighbour, Common(rendezvous) + """


            def snapshot(folder):
                files = {}
                for dirpath, _, filenames in os.walk(folder):
                    for name in filenames:
                        path = os.path.join(dirpath, name)
                        with open(path, "rb") as data:
                            files[os.path.relpath(path, folder)] = data.read()
                return files


            def test_untouched():
                phase = publish_uid("neighbour")
                tree, home = os.getcwd(), os.environ["HOME"]
                before = (snapshot(tree), snapshot(home))
                part = os.path.join(RENDEZVOUS, "neighbour-" + phase + ".part")
                with open(part, "w") as out:
                    out.write(tree + "\n" + home)
                os.rename(part, os.path.join(RENDEZVOUS, "neighbour-" + phase))
                wait_for("intruder-done-" + phase)
                assert (snapshot(tree), snapshot(home)) == before
            """, null, "A careful test keeps its worktree as it found it while another run works beside it."),
        new(Intruder, Common(rendezvous) + $$"""


            TEMP_ROOT = "{{tempRoot}}"
            PROBE = "trajbuild_intruder_probe"


            def test_intrude():
                phase = publish_uid("intruder")
                tree, home = wait_for("neighbour-" + phase).split("\n")
                own = os.path.dirname(os.getcwd())
                reached = []
                try:
                    os.listdir(tree)
                    reached.append("listed " + tree)
                except OSError:
                    pass
                for path in [os.path.join(tree, "box.py"), os.path.join(tree, "tests", "test_neighbour.py"), os.path.join(tree, PROBE), os.path.join(home, PROBE)]:
                    try:
                        with open(path, "a") as out:
                            out.write("intruded\n")
                        reached.append("wrote " + path)
                    except OSError:
                        pass
                # Every folder under the temp root it can reach, four levels down: writable only if its own or open to all.
                for dirpath, dirnames, _ in os.walk(TEMP_ROOT):
                    if dirpath == own or dirpath.startswith(own + os.sep):
                        dirnames[:] = []
                        continue
                    if dirpath[len(TEMP_ROOT):].count(os.sep) >= 4:
                        dirnames[:] = []
                    if os.access(dirpath, os.W_OK) and not os.stat(dirpath).st_mode & 0o002:
                        reached.append("can write " + dirpath)
                open(os.path.join(RENDEZVOUS, "intruder-done-" + phase), "w").close()
                assert reached == []
            """, null, "A hostile test reaches for the files of the run beside it and every folder of the temp root."),
    ];

    private static string Common(string rendezvous) => $$"""
        import os
        import time

        from box import answer

        RENDEZVOUS = "{{rendezvous}}"


        def test_answer():
            assert answer() == 42


        def publish_uid(role):
            phase = "after" if answer() == 42 else "before"
            with open(os.path.join(RENDEZVOUS, "uid-" + role + "-" + phase), "w") as out:
                out.write(str(os.getuid()))
            return phase


        def wait_for(name):
            path = os.path.join(RENDEZVOUS, name)
            deadline = time.monotonic() + 60
            while not os.path.exists(path):
                assert time.monotonic() < deadline, "the other run never wrote " + name
                time.sleep(0.05)
            with open(path) as data:
                return data.read()
        """;
}
