using System.Buffers;
using System.Text.Json;
using PostMortem.Core;
using PostMortem.Core.Log;

namespace PostMortem.Server.Boards;

/// <summary>
/// One applied log entry with its events already encoded. Encoding happens under the replica's lock right
/// after Apply: events may hold the replica's live objects, which later entries change.
/// </summary>
internal sealed class AppliedEntry
{
    private readonly Dictionary<BoardEvent, byte[]> _eventJson;
    private readonly RawJson? _shared;
    /// <summary>Encoded forms of an entry with private events or a hidden actor, keyed by which of its events a viewer
    /// gets (bit i: event i) and whether they are told the actor.</summary>
    private readonly Dictionary<(ulong Events, bool Actor), RawJson>? _forms;
    private readonly ApplyResult _result;

    private AppliedEntry(ApplyResult result)
    {
        _result = result;
        var (entry, outcome, events) = (result.Entry, result.Outcome, result.Events);
        Entry = entry;
        Outcome = outcome;
        Events = events;
        _eventJson = new Dictionary<BoardEvent, byte[]>(events.Count, ReferenceEqualityComparer.Instance);
        foreach (var e in events)
        {
            _eventJson[e] = JsonSerializer.SerializeToUtf8Bytes(e, CoreJsonContext.Default.BoardEvent);
        }

        HasPrivateEvents = events.Any(e => e.VisibleTo is not null || e.HiddenFrom is not null);
        if (!HasPrivateEvents && !result.ActorHidden)
        {
            // The common case: one encoding shared by every connection on the board.
            _shared = EntryMessageWriter.Write(this, events, entry.ActorId);
        }
        else
        {
            _forms = [];
        }
    }

    public LogEntry Entry { get; }

    public Outcome Outcome { get; }

    public IReadOnlyList<BoardEvent> Events { get; }

    public bool HasPrivateEvents { get; }

    public long Seq => Entry.Seq;

    public static AppliedEntry Create(ApplyResult result) => new(result);

    /// <summary>
    /// The "entry" message as <paramref name="viewerId"/> may receive it (Core's <see cref="Board.EventsFor"/> and
    /// <see cref="ApplyResult.ActorIdFor"/> decide). Encoded once per distinct form: viewers who get the same events
    /// and the same actor id share the same bytes — with a secret vote or anonymous content, everyone but the voter
    /// or author shares one encoding (actorId "" on an anonymous board) and only they get one of their own.
    /// </summary>
    public RawJson MessageFor(string viewerId)
    {
        if (_shared is not null)
        {
            return _shared;
        }

        var events = Board.EventsFor(viewerId, Events);
        var actorId = _result.ActorIdFor(viewerId);
        if (!TryFormKey(events, out var bits))
        {
            return EntryMessageWriter.Write(this, events, actorId); // Core made an event for this viewer alone
        }

        var key = (bits, actorId.Length > 0);

        lock (_forms!)
        {
            if (_forms.TryGetValue(key, out var known))
            {
                return known;
            }
        }

        var message = EntryMessageWriter.Write(this, events, actorId);
        lock (_forms)
        {
            return _forms.TryAdd(key, message) ? message : _forms[key];
        }
    }

    /// <summary>How many distinct forms have been encoded (tests).</summary>
    internal int FormCount
    {
        get
        {
            if (_forms is null)
            {
                return 1;
            }

            lock (_forms)
            {
                return _forms.Count;
            }
        }
    }

    /// <summary>Which of this entry's events <paramref name="subset"/> holds, as bits; false when it holds an event
    /// that is not one of ours or the entry has more events than the key has bits.</summary>
    private bool TryFormKey(IReadOnlyList<BoardEvent> subset, out ulong key)
    {
        key = 0;
        var next = 0;
        foreach (var e in subset)
        {
            while (next < Events.Count && !ReferenceEquals(Events[next], e))
            {
                next++;
            }

            if (next >= Events.Count || next >= 64)
            {
                return false;
            }

            key |= 1UL << next;
            next++;
        }

        return true;
    }

    internal ReadOnlySpan<byte> EventJson(BoardEvent e) =>
        _eventJson.TryGetValue(e, out var json)
            ? json
            // Core returned a new instance (not one of ours): it was made for this viewer, encode it now.
            : JsonSerializer.SerializeToUtf8Bytes(e, CoreJsonContext.Default.BoardEvent);
}

/// <summary>Writes the "entry" message (docs/PROTOCOL.md) from pre-encoded events.</summary>
internal static class EntryMessageWriter
{
    /// <param name="actorId">The entry's actor as this form's viewers may see it: "" when Core hides it from them.</param>
    public static RawJson Write(AppliedEntry applied, IReadOnlyList<BoardEvent> events, string actorId)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            var entry = applied.Entry;
            var outcome = applied.Outcome;
            writer.WriteStartObject();
            writer.WriteNumber("seq", entry.Seq);
            writer.WriteString("at", entry.At);
            writer.WriteString("actorId", actorId);
            writer.WriteString("clientOpId", entry.ClientOpId);
            if (!outcome.IsAccepted)
            {
                // "accepted" is the reader's default (EntryMessage.Status): most entries leave it out.
                writer.WriteString("status", AckStatus.Of(outcome.Status));
            }

            if (outcome.Code is not null)
            {
                writer.WriteString("code", outcome.Code);
            }

            if (outcome.Message is not null)
            {
                writer.WriteString("message", outcome.Message);
            }

            if (outcome.DuplicateOfSeq is { } original)
            {
                writer.WriteNumber("duplicateOf", original);
            }

            writer.WriteStartArray("events");
            if (outcome.IsAccepted)
            {
                foreach (var e in events)
                {
                    writer.WriteRawValue(applied.EventJson(e), skipInputValidation: true);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return new RawJson(buffer.WrittenSpan.ToArray());
    }
}
