using PostMortem.Core.Commands;
using PostMortem.Core.Model;

namespace PostMortem.Core;

/// <summary>What a new board starts with.</summary>
public static class BoardDefaults
{
    /// <summary>Norm Kerth's retrospective Prime Directive, quoted with attribution.</summary>
    public const string PrimeDirective =
        "\"Regardless of what we discover, we understand and truly believe that everyone did the best job they could, "
        + "given what they knew at the time, their skills and abilities, the resources available, and the situation at hand.\" "
        + "— Norm Kerth, Project Retrospectives: A Handbook for Team Reviews, 2001";

    public const int VotesPerParticipant = 3;

    /// <summary>Shortest and longest phase in a custom agenda, in minutes.</summary>
    public const int MinPhaseMinutes = 1;

    public const int MaxPhaseMinutes = 240;

    /// <summary>60 minutes: contributing factors are folded into root cause.</summary>
    public static IReadOnlyList<AgendaSlot> Sixty { get; } =
    [
        new(Phase.SetTheRoom, 5),
        new(Phase.Timeline, 15),
        new(Phase.RootCause, 20),
        new(Phase.Actions, 15),
        new(Phase.Close, 5),
    ];

    /// <summary>90 minutes: all six phases, 80 minutes of agenda leaving ten for overruns and hand-offs.</summary>
    public static IReadOnlyList<AgendaSlot> Ninety { get; } =
    [
        new(Phase.SetTheRoom, 5),
        new(Phase.Timeline, 20),
        new(Phase.RootCause, 25),
        new(Phase.ContributingFactors, 10),
        new(Phase.Actions, 15),
        new(Phase.Close, 5),
    ];

    public static IReadOnlyList<AgendaSlot> Agenda(AgendaPreset preset) => preset == AgendaPreset.Sixty ? Sixty : Ninety;

    public const string TimeZone = "UTC";

    /// <summary>
    /// The createBoard command for a request whose optional fields may be missing: no preset means the
    /// 90-minute agenda, or the custom one when a custom agenda is given; no time zone means UTC.
    /// </summary>
    public static CreateBoard NewBoard(
        string title, DateTimeOffset incidentAt, IncidentType incidentType, int severity, string facilitatorName,
        AgendaPreset? preset, IReadOnlyList<AgendaSlot>? customAgenda, string? timeZone, string? primeDirective, BoardSecrets secrets,
        string? facilitatorJobRole = null) =>
        new(
            title,
            incidentAt,
            incidentType,
            severity,
            facilitatorName,
            preset ?? (customAgenda is { Count: > 0 } ? AgendaPreset.Custom : AgendaPreset.Ninety),
            customAgenda,
            timeZone ?? TimeZone,
            primeDirective,
            secrets,
            facilitatorJobRole);
}
