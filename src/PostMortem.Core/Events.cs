using System.Text.Json.Serialization;
using PostMortem.Core.Model;

namespace PostMortem.Core;

/// <summary>
/// What an accepted entry changed, as whole-entity replacements a client applies without knowing any
/// board rule. <see cref="VisibleTo"/> null means everyone; otherwise only that participant may receive
/// it (votes before reveal, an anonymous author's own copy) and <see cref="HiddenFrom"/> names those who must
/// not (they get their own copy instead) — <see cref="Board.EventsFor"/> filters. Wire names are protocol.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(MetaChanged), "meta")]
[JsonDerivedType(typeof(ParticipantChanged), "participant")]
[JsonDerivedType(typeof(NoteChanged), "note")]
[JsonDerivedType(typeof(NoteRemoved), "noteRemoved")]
[JsonDerivedType(typeof(ChainChanged), "chain")]
[JsonDerivedType(typeof(ChainRemoved), "chainRemoved")]
[JsonDerivedType(typeof(MyVotesChanged), "myVotes")]
[JsonDerivedType(typeof(TalliesChanged), "tallies")]
[JsonDerivedType(typeof(DerivedChanged), "derived")]
[JsonDerivedType(typeof(SignOffAdded), "signOff")]
[JsonDerivedType(typeof(AffordancesChanged), "affordances")]
public abstract record BoardEvent
{
    [JsonIgnore]
    public string? VisibleTo { get; init; }

    /// <summary>Participants who must not receive this event: the masked copy of anonymous content goes to everyone
    /// but its authors, who get their own copy (<see cref="VisibleTo"/>). Null means nobody is left out.</summary>
    [JsonIgnore]
    public IReadOnlyList<string>? HiddenFrom { get; init; }
}

public sealed record MetaChanged(BoardMeta Meta) : BoardEvent;

public sealed record ParticipantChanged(Participant Participant) : BoardEvent;

public sealed record NoteChanged(Note Note) : BoardEvent;

public sealed record NoteRemoved(string NoteId) : BoardEvent;

public sealed record ChainChanged(WhyChain Chain) : BoardEvent;

public sealed record ChainRemoved(string ChainId) : BoardEvent;

/// <summary>The voter's own votes; visible only to them.</summary>
public sealed record MyVotesChanged(IReadOnlyList<string> NoteIds) : BoardEvent;

/// <summary>Vote totals per action note, only once votes are revealed.</summary>
public sealed record TalliesChanged(IReadOnlyDictionary<string, int> Tallies) : BoardEvent;

public sealed record DerivedChanged(Derived Derived) : BoardEvent;

public sealed record SignOffAdded(SignOff SignOff) : BoardEvent;

/// <summary>What the participant it is for may do now changed (their own copy only: <see cref="BoardEvent.VisibleTo"/>).</summary>
public sealed record AffordancesChanged(Affordances Affordances) : BoardEvent;
