using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PostMortem.Core;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;

namespace PostMortem.Server.Tests.Infrastructure;

/// <summary>
/// What a client does with the protocol and nothing else: read a Join snapshot, then apply entries' events in
/// sequence order (docs/PROTOCOL.md, "Applying events"). It reads the server's messages with the wire contract's own
/// records (<see cref="JoinResult"/>, <see cref="EntryMessage"/>, Core's views and events), as a C# client does.
/// Used to prove that the events a client receives rebuild exactly the view a fresh join gives.
/// </summary>
public sealed class ClientBoardModel
{
    private static readonly JsonSerializerOptions Wire = ProtocolJson.CreateOptions();

    private readonly SortedDictionary<string, Participant> _participants = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, Note> _notes = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, WhyChain> _chains = new(StringComparer.Ordinal);
    private readonly List<SignOff> _signOffs = [];
    private BoardMeta _meta = null!;
    private IReadOnlyList<string> _myVotes = [];
    private IReadOnlyDictionary<string, int>? _tallies;
    private Derived _derived = null!;
    private Affordances _affordances = null!;

    public long Seq { get; private set; }

    public static ClientBoardModel FromJoin(JsonElement join)
    {
        var result = join.Deserialize<JoinResult>(Wire)!;
        Assert.Equal("snapshot", result.Mode);
        var raw = Assert.IsType<RawJson>(result.View);
        var view = raw.Read(CoreJsonContext.Default.BoardView)!;
        // The records lose nothing the server sent: written back, the view is the same JSON.
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(raw.ToString()), JsonSerializer.SerializeToNode(view, CoreJsonContext.Default.BoardView)),
            "the view read through the protocol's records differs from the one sent");
        var model = new ClientBoardModel
        {
            Seq = view.Seq,
            _meta = view.Meta,
            _myVotes = view.MyVotes,
            _tallies = view.Tallies,
            _derived = view.Derived,
            _affordances = view.Affordances,
        };
        foreach (var p in view.Participants)
        {
            model._participants[p.Id] = p;
        }

        foreach (var n in view.Notes)
        {
            model._notes[n.Id] = n;
        }

        foreach (var c in view.Chains)
        {
            model._chains[c.Id] = c;
        }

        model._signOffs.AddRange(view.SignOffs);
        return model;
    }

    /// <summary>Applies one entry; entries at or below Seq are ignored, a gap is an error (R1, R2).</summary>
    public void Apply(JsonElement entry)
    {
        var message = entry.Deserialize<EntryMessage>(Wire)!;
        if (message.Seq <= Seq)
        {
            return;
        }

        Assert.True(message.Seq == Seq + 1, $"gap: model at {Seq}, entry {message.Seq}");
        foreach (var e in message.Events)
        {
            switch (e)
            {
                case MetaChanged m:
                    _meta = m.Meta;
                    break;
                case ParticipantChanged p:
                    _participants[p.Participant.Id] = p.Participant;
                    break;
                case NoteChanged n:
                    _notes[n.Note.Id] = n.Note;
                    break;
                case NoteRemoved n:
                    _notes.Remove(n.NoteId);
                    break;
                case ChainChanged c:
                    _chains[c.Chain.Id] = c.Chain;
                    break;
                case ChainRemoved c:
                    _chains.Remove(c.ChainId);
                    break;
                case MyVotesChanged v:
                    _myVotes = v.NoteIds;
                    break;
                case TalliesChanged t:
                    _tallies = t.Tallies;
                    break;
                case DerivedChanged d:
                    _derived = d.Derived;
                    break;
                case AffordancesChanged a:
                    _affordances = a.Affordances;
                    break;
                case SignOffAdded s:
                    _signOffs.Add(s.SignOff);
                    break;
                default:
                    Assert.Fail($"unknown event {e.GetType().Name} in entry {message.Seq}");
                    break;
            }
        }

        Seq = message.Seq;
    }

    public void ApplyAll(IEnumerable<JsonElement> entries)
    {
        foreach (var entry in entries.OrderBy(e => e.GetProperty("seq").GetInt64()))
        {
            Apply(entry);
        }
    }

    /// <summary>Everything the client shows, in a canonical text form (each part as the wire writes it).</summary>
    public string Fingerprint()
    {
        var text = new StringBuilder();
        text.AppendLine(Meta(_meta));
        foreach (var (id, p) in _participants)
        {
            text.Append("participant ").Append(id).Append(' ').AppendLine(Json(p));
        }

        foreach (var (id, n) in _notes)
        {
            text.Append("note ").Append(id).Append(' ').AppendLine(Json(n));
        }

        foreach (var (id, c) in _chains)
        {
            text.Append("chain ").Append(id).Append(' ').AppendLine(Json(c));
        }

        text.Append("myVotes ").AppendLine(Json(_myVotes));
        text.Append("tallies ").AppendLine(_tallies is null ? "none" : Json(new SortedDictionary<string, int>(_tallies.ToDictionary(), StringComparer.Ordinal)));
        text.Append("derived ").AppendLine(Json(_derived));
        text.Append("affordances ").AppendLine(Json(_affordances));
        foreach (var s in _signOffs)
        {
            text.Append("signOff ").AppendLine(Json(s));
        }

        return text.ToString();
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, Wire);

    /// <summary>Meta without the fields that move with every entry (seq, updatedAt): clients track seq themselves.</summary>
    private static string Meta(BoardMeta meta)
    {
        var node = JsonSerializer.SerializeToNode(meta, Wire)!.AsObject();
        node.Remove("seq");
        node.Remove("updatedAt");
        return node.ToJsonString();
    }
}
