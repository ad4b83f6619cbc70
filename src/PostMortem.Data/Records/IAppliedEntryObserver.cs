using PostMortem.Core;

namespace PostMortem.Data.Records;

/// <summary>
/// Learns of every entry a board replica applies, in sequence order, right after Core applied it. Called under the
/// replica's lock: read what you need from <c>board</c> (its objects keep changing once the call returns), hand any
/// I/O to another task, return at once, and never throw. <see cref="IncidentRecordWriter"/> is the one the server
/// registers with a database: it writes a post-mortem's record when its board is closed and as its actions are
/// followed up.
/// </summary>
public interface IAppliedEntryObserver
{
    void OnApplied(Board board, ApplyResult result);

    /// <summary>The replica was loaded (snapshot plus the log after it); same rules as <see cref="OnApplied"/>.
    /// Lets an observer catch up on what a crash kept it from finishing.</summary>
    void OnLoaded(Board board)
    {
    }
}
