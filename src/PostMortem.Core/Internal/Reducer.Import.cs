using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using static PostMortem.Core.Internal.Permissions;
using static PostMortem.Core.Internal.Rules;

namespace PostMortem.Core.Internal;

// Pre-work: a pasted draft timeline.
internal static partial class Reducer
{
    /// <summary>Room for "-{line number}" after the prefix.</summary>
    private const int ImportPrefixLength = Limits.IdLength - 4;

    /// <summary>
    /// Good lines become notes "{IdPrefix}-{line}"; bad ones (no or invalid time, no text, too long, id
    /// already taken) are reported with their number and reason and the rest is still imported. Too much
    /// text, too many lines or more notes than the board takes rejects the whole paste, changing nothing.
    /// </summary>
    private static Rejection? OnImportTimeline(ApplyContext ctx, ImportTimeline c)
    {
        if (ValidId(c.IdPrefix, "import prefix") is { } r1)
        {
            return r1;
        }

        if (c.IdPrefix.Length > ImportPrefixLength)
        {
            return Reject(RejectionCodes.InvalidId, $"the import prefix is at most {ImportPrefixLength} characters");
        }

        var text = c.Text ?? "";
        if (string.IsNullOrWhiteSpace(text))
        {
            return Reject(RejectionCodes.TextRequired, "paste at least one line");
        }

        if (text.Length > Limits.ImportTextLength)
        {
            return Reject(RejectionCodes.TextTooLong, $"the pasted text is longer than {Limits.ImportTextLength} characters");
        }

        if (TimelineImport.CountLines(text) > Limits.ImportLines)
        {
            return Reject(RejectionCodes.TooMany, $"paste at most {Limits.ImportLines} lines at a time");
        }

        var zone = TimeZones.FindOrUtc(ctx.Meta.TimeZone);
        var good = new List<TimelineImport.Line>();
        var errors = new List<ImportLineError>();
        TimelineImport.Parse(text, zone, good, errors);

        var notes = new List<Note>(good.Count);
        foreach (var line in good)
        {
            var id = string.Concat(c.IdPrefix, "-", line.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (ctx.State.Notes.ContainsKey(id))
            {
                errors.Add(TimelineImport.Error(line.Number, line.Text, $"note id {id} is already taken (import again with another prefix)"));
                continue;
            }

            notes.Add(new Note
            {
                Id = id,
                Kind = line.Kind,
                Text = line.Text,
                AuthorId = ctx.ActorId,
                CreatedAt = ctx.At,
                UpdatedAt = ctx.At,
                OccurredAt = line.OccurredAt,
                Position = line.Number,
            });
        }

        if (ctx.State.Notes.Count + notes.Count > Limits.NotesPerBoard)
        {
            return Reject(RejectionCodes.TooMany, $"a board takes at most {Limits.NotesPerBoard} notes");
        }

        errors.Sort(static (a, b) => a.Line.CompareTo(b.Line));
        ctx.ImportErrors = errors;
        if (ctx.DryRun)
        {
            return null;
        }

        var names = ParticipantNames(ctx.State);
        foreach (var note in notes)
        {
            note.Flags = LanguageCoach.CheckList(note.Text, names);
            ctx.State.NotesById[note.Id] = note;
            ctx.Emit(new NoteChanged(Cloning.Clone(note)));
        }

        return null;
    }
}
