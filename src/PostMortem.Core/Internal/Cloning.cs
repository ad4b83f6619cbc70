using PostMortem.Core.Model;

namespace PostMortem.Core.Internal;

/// <summary>
/// Copies of entities for events and views. The state is mutated in place by the next entry, while
/// events and views may still be queued for serialisation on another thread, so they never share
/// a mutable object with the state. Records (flags, slots, sign-offs) are immutable and shared.
/// </summary>
internal static class Cloning
{
    public static BoardMeta Clone(BoardMeta m) => new()
    {
        BoardId = m.BoardId,
        Seq = m.Seq,
        Created = m.Created,
        Title = m.Title,
        IncidentAt = m.IncidentAt,
        IncidentType = m.IncidentType,
        Severity = m.Severity,
        TimeZone = m.TimeZone,
        CreatedAt = m.CreatedAt,
        UpdatedAt = m.UpdatedAt,
        CreatorId = m.CreatorId,
        FacilitatorId = m.FacilitatorId,
        AgendaPreset = m.AgendaPreset,
        Agenda = [.. m.Agenda],
        Phase = m.Phase,
        LockedPhases = [.. m.LockedPhases],
        BoardLocked = m.BoardLocked,
        PrimeDirective = m.PrimeDirective,
        PrimeDirectiveShown = m.PrimeDirectiveShown,
        Timer = Clone(m.Timer),
        VotesPerParticipant = m.VotesPerParticipant,
        VotesRevealed = m.VotesRevealed,
        TieBreakOrder = [.. m.TieBreakOrder],
        Summary = m.Summary,
        Impact = m.Impact,
        FollowUpDate = m.FollowUpDate,
        ClosedAt = m.ClosedAt,
        AnonymousPhases = [.. m.AnonymousPhases],
    };

    public static TimerState Clone(TimerState t) => new()
    {
        Status = t.Status,
        Phase = t.Phase,
        DurationMs = t.DurationMs,
        EndsAt = t.EndsAt,
        RemainingMs = t.RemainingMs,
    };

    public static Participant Clone(Participant p) => new()
    {
        Id = p.Id,
        Name = p.Name,
        Role = p.Role,
        JoinedAt = p.JoinedAt,
        AgreedPrimeDirective = p.AgreedPrimeDirective,
        Ready = p.Ready,
        Left = p.Left,
        Removed = p.Removed,
    };

    public static Note Clone(Note n) => new()
    {
        Id = n.Id,
        Kind = n.Kind,
        Text = n.Text,
        AuthorId = n.AuthorId,
        CreatedAt = n.CreatedAt,
        UpdatedAt = n.UpdatedAt,
        OccurredAt = n.OccurredAt,
        KeyMoment = n.KeyMoment,
        Position = n.Position,
        Flags = [.. n.Flags],
        Action = n.Action is null ? null : Clone(n.Action),
    };

    public static ActionDetails Clone(ActionDetails a) => new()
    {
        Chosen = a.Chosen,
        Owner = a.Owner,
        OwnerParticipantId = a.OwnerParticipantId,
        DueDate = a.DueDate,
        ActionKind = a.ActionKind,
        TrackerUrl = a.TrackerUrl,
        Status = a.Status,
        AcknowledgedAt = a.AcknowledgedAt,
    };

    public static WhyChain Clone(WhyChain c)
    {
        var steps = new List<WhyStep>(c.Steps.Count);
        foreach (var s in c.Steps)
        {
            steps.Add(new WhyStep { Id = s.Id, AuthorId = s.AuthorId, Question = s.Question, Answer = s.Answer, Flags = [.. s.Flags] });
        }

        return new WhyChain
        {
            Id = c.Id,
            Symptom = c.Symptom,
            AuthorId = c.AuthorId,
            CreatedAt = c.CreatedAt,
            Steps = steps,
            RootCauseStepId = c.RootCauseStepId,
            Flags = [.. c.Flags],
        };
    }
}
