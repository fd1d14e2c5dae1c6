namespace TrajectoryBuild.Rewards.Process.Heuristics;

/// <summary>
/// <c>reverted_edit</c>: -1 on an edit a later step undid: a <c>str_replace</c> with old and new swapped, a
/// <c>git checkout -- FILE</c> / <c>git restore</c> of its file, a <c>git stash</c> or <c>git reset --hard</c>, or a
/// later whole-file write restoring content an earlier write gave the file, or an editor's <c>undo_edit</c> (its file's last edit).
/// </summary>
internal sealed class RevertedEdit : IStepHeuristic
{
    public string Name => "reverted_edit";

    public IReadOnlyDictionary<int, StepSignal> Label(TrajectoryFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var signals = new SortedDictionary<int, StepSignal>();
        var pending = new List<FileChange>();
        var writes = new List<FileChange>();
        void Revert(IEnumerable<FileChange> undone, string why)
        {
            foreach (var edit in undone.ToList())
            {
                pending.Remove(edit);
                signals.TryAdd(edit.Step, StepSignal.Heuristic(Name, -1, $"step {edit.Step}: its edit of {edit.Path} ({edit.How}) was reverted {why}"));
            }
        }

        foreach (var change in FileChanges.Of(facts.Trajectory))
        {
            if (change.Kind == ChangeKind.Discard)
            {
                Revert(pending.Where(e => change.Path is null || e.Path == change.Path), $"at step {change.Step} ({change.How})");
                continue;
            }

            if (change.Path is null)
            {
                continue;
            }

            if (change.Kind == ChangeKind.Undo)
            {
                Revert(pending.Where(e => e.Path == change.Path).TakeLast(1), $"at step {change.Step} (undo_edit)");
                continue;
            }

            if (change.OldText is not null && change.NewText is not null
                && pending.LastOrDefault(e => e.Path == change.Path && e.OldText == change.NewText && e.NewText == change.OldText) is { } swapped)
            {
                Revert([swapped], $"at step {change.Step} (str_replace with old and new swapped)");
                continue;
            }

            if (change.Content is not null && writes.FirstOrDefault(w => w.Path == change.Path && w.Content == change.Content && w.Step < change.Step) is { } earlier)
            {
                Revert(pending.Where(e => e.Path == change.Path && e.Step >= earlier.Step && e != earlier), $"at step {change.Step} (a write restoring the content step {earlier.Step} wrote)");
                continue;
            }

            if (change.Content is not null)
            {
                writes.Add(change);
            }

            pending.Add(change);
        }

        return signals;
    }
}
