using System.Text;
using System.Text.Json;

namespace PostMortem.Server.Tests.Infrastructure;

/// <summary>
/// What a client does with the protocol and nothing else: load a Join snapshot, then apply entries' events in
/// sequence order (docs/PROTOCOL.md, "Applying events"). Used to prove that the events a client receives
/// rebuild exactly the view a fresh join gives.
/// </summary>
public sealed class ClientBoardModel
{
    private readonly SortedDictionary<string, string> _participants = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _notes = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _chains = new(StringComparer.Ordinal);
    private readonly List<string> _signOffs = [];
    private string _meta = "";
    private string _myVotes = "[]";
    private string? _tallies;
    private string _derived = "";
    private string _affordances = "";

    public long Seq { get; private set; }

    public static ClientBoardModel FromJoin(JsonElement join)
    {
        Assert.Equal("snapshot", join.GetProperty("mode").GetString());
        var model = new ClientBoardModel();
        var view = join.GetProperty("view");
        model.Seq = view.GetProperty("seq").GetInt64();
        model._meta = Meta(view.GetProperty("meta"));
        foreach (var p in view.GetProperty("participants").EnumerateArray())
        {
            model._participants[p.GetProperty("id").GetString()!] = p.GetRawText();
        }

        foreach (var n in view.GetProperty("notes").EnumerateArray())
        {
            model._notes[n.GetProperty("id").GetString()!] = n.GetRawText();
        }

        foreach (var c in view.GetProperty("chains").EnumerateArray())
        {
            model._chains[c.GetProperty("id").GetString()!] = c.GetRawText();
        }

        model._myVotes = view.GetProperty("myVotes").GetRawText();
        model._tallies = view.TryGetProperty("tallies", out var tallies) && tallies.ValueKind != JsonValueKind.Null ? tallies.GetRawText() : null;
        model._derived = view.GetProperty("derived").GetRawText();
        model._affordances = view.GetProperty("affordances").GetRawText();
        foreach (var s in view.GetProperty("signOffs").EnumerateArray())
        {
            model._signOffs.Add(s.GetRawText());
        }

        return model;
    }

    /// <summary>Applies one entry; entries at or below Seq are ignored, a gap is an error (R1, R2).</summary>
    public void Apply(JsonElement entry)
    {
        var seq = entry.GetProperty("seq").GetInt64();
        if (seq <= Seq)
        {
            return;
        }

        Assert.True(seq == Seq + 1, $"gap: model at {Seq}, entry {seq}");
        foreach (var e in entry.GetProperty("events").EnumerateArray())
        {
            switch (e.GetProperty("type").GetString())
            {
                case "meta":
                    _meta = Meta(e.GetProperty("meta"));
                    break;
                case "participant":
                    var p = e.GetProperty("participant");
                    _participants[p.GetProperty("id").GetString()!] = p.GetRawText();
                    break;
                case "note":
                    var n = e.GetProperty("note");
                    _notes[n.GetProperty("id").GetString()!] = n.GetRawText();
                    break;
                case "noteRemoved":
                    _notes.Remove(e.GetProperty("noteId").GetString()!);
                    break;
                case "chain":
                    var c = e.GetProperty("chain");
                    _chains[c.GetProperty("id").GetString()!] = c.GetRawText();
                    break;
                case "chainRemoved":
                    _chains.Remove(e.GetProperty("chainId").GetString()!);
                    break;
                case "myVotes":
                    _myVotes = e.GetProperty("noteIds").GetRawText();
                    break;
                case "tallies":
                    _tallies = e.GetProperty("tallies").GetRawText();
                    break;
                case "derived":
                    _derived = e.GetProperty("derived").GetRawText();
                    break;
                case "affordances":
                    _affordances = e.GetProperty("affordances").GetRawText();
                    break;
                case "signOff":
                    _signOffs.Add(e.GetProperty("signOff").GetRawText());
                    break;
                default:
                    Assert.Fail($"unknown event type in {e.GetRawText()}");
                    break;
            }
        }

        Seq = seq;
    }

    public void ApplyAll(IEnumerable<JsonElement> entries)
    {
        foreach (var entry in entries.OrderBy(e => e.GetProperty("seq").GetInt64()))
        {
            Apply(entry);
        }
    }

    /// <summary>Everything the client shows, in a canonical text form.</summary>
    public string Fingerprint()
    {
        var text = new StringBuilder();
        text.AppendLine(_meta);
        foreach (var (id, json) in _participants)
        {
            text.Append("participant ").Append(id).Append(' ').AppendLine(json);
        }

        foreach (var (id, json) in _notes)
        {
            text.Append("note ").Append(id).Append(' ').AppendLine(json);
        }

        foreach (var (id, json) in _chains)
        {
            text.Append("chain ").Append(id).Append(' ').AppendLine(json);
        }

        text.Append("myVotes ").AppendLine(_myVotes);
        text.Append("tallies ").AppendLine(_tallies ?? "none");
        text.Append("derived ").AppendLine(_derived);
        text.Append("affordances ").AppendLine(_affordances);
        foreach (var s in _signOffs)
        {
            text.Append("signOff ").AppendLine(s);
        }

        return text.ToString();
    }

    /// <summary>Meta without the fields that move with every entry (seq, updatedAt): clients track seq themselves.</summary>
    private static string Meta(JsonElement meta)
    {
        var parts = meta.EnumerateObject()
            .Where(p => p.Name is not ("seq" or "updatedAt"))
            .Select(p => $"\"{p.Name}\":{p.Value.GetRawText()}");
        return "{" + string.Join(",", parts) + "}";
    }
}
