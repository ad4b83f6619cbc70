namespace PostMortem.Core;

/// <summary>Size limits on every field and collection; exceeding one is a rejection with a code.</summary>
public static class Limits
{
    public const int TitleLength = 200;
    public const int NameLength = 60;
    /// <summary>A participant's role in the incident ("on-call engineer"), shown in place of their name in a shared write-up.</summary>
    public const int JobRoleLength = 60;
    public const int NoteTextLength = 1000;
    public const int ChainTextLength = 1000;
    public const int SummaryLength = 4000;
    public const int PrimeDirectiveLength = 2000;
    public const int ImportTextLength = 100_000;
    public const int ImportLines = 500;
    public const int IdLength = 64;
    public const int UrlLength = 500;
    public const int ClientOpIdLength = 64;
    public const int NotesPerBoard = 2000;
    /// <summary>
    /// Notes one participant may add (the facilitator, who imports the pre-work timeline and moderates, is not held
    /// to it): so one participant, however many connections they open, cannot fill a board for everyone. The
    /// worked example's busiest participant adds about 20; 2000 notes shared by a 50-person board is 40 each.
    /// </summary>
    public const int NotesPerParticipant = 250;
    // 500: a large office joins one all-hands post-mortem (README, "Limits"); the HTTP join limit is per board and address.
    public const int ParticipantsPerBoard = 500;
    public const int ChainsPerBoard = 50;
    public const int StepsPerChain = 20;
    public const int SignOffsPerBoard = 500;
    public const int MaxVotesPerParticipant = 20;
    public const int MaxTimerSeconds = 4 * 3600;
    /// <summary>How many recent clientOpIds per actor are remembered for at-most-once application.</summary>
    public const int RecentOpsPerActor = 256;
}
