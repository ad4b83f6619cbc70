using System.Security.Claims;
using PostMortem.Core;
using PostMortem.Core.Protocol;
using PostMortem.Core.WriteUp;
using PostMortem.Web.Data;

namespace PostMortem.Web.Tests.Fakes;

/// <summary>The board pages' data as a test sets it; what the pages asked for is recorded.</summary>
internal sealed class FakeBoardPages : IBoardPages
{
    public const string Key = "read-key";

    public PageResult<BoardView> Read { get; set; } = PageResult<BoardView>.Fail(404, "board_not_found", "There is no such board.");
    public PageResult<WriteUpModel> WriteUp { get; set; } = PageResult<WriteUpModel>.Fail(404, "board_not_found", "There is no such board.");
    public PageResult<CreateBoardResponse> Created { get; set; } = PageResult<CreateBoardResponse>.Fail(400, "invalid_request", "Refused.");
    public PageResult<SignOffResponse> Signed { get; set; } = PageResult<SignOffResponse>.Ok(new SignOffResponse(9));

    /// <summary>Called after a sign-off is accepted: the next write-up shows it.</summary>
    public Func<string, WriteUpModel>? AfterSignOff { get; set; }

    public List<(CreateBoardRequest Request, bool TeamMember)> Creates { get; } = [];
    public List<(string BoardId, string? Key, string? Name)> SignOffs { get; } = [];
    public List<(string BoardId, string? Key)> Reads { get; } = [];

    /// <summary>Whether each write-up asked for had names replaced by roles.</summary>
    public List<bool> WriteUpNamesAsRoles { get; } = [];

    public Task<PageResult<CreateBoardResponse>> CreateAsync(CreateBoardRequest request, bool teamMember, CancellationToken cancellationToken)
    {
        Creates.Add((request, teamMember));
        return Task.FromResult(Created);
    }

    public Task<PageResult<BoardView>> ReadAsync(string boardId, string? key, CancellationToken cancellationToken)
    {
        Reads.Add((boardId, key));
        return Task.FromResult(Read);
    }

    public Task<PageResult<WriteUpModel>> WriteUpAsync(string boardId, string? key, bool namesAsRoles, CancellationToken cancellationToken)
    {
        Reads.Add((boardId, key));
        WriteUpNamesAsRoles.Add(namesAsRoles);
        return Task.FromResult(WriteUp);
    }

    public Task<PageResult<SignOffResponse>> SignOffAsync(string boardId, string? key, string? name, CancellationToken cancellationToken)
    {
        SignOffs.Add((boardId, key, name));
        if (Signed.IsOk && AfterSignOff is not null)
        {
            WriteUp = PageResult<WriteUpModel>.Ok(AfterSignOff(name!));
        }

        return Task.FromResult(Signed);
    }
}

/// <summary>The incident log as a test sets it; status changes are recorded.</summary>
internal sealed class FakeIncidentPages : IIncidentPages
{
    public const string Refusal = "The incident log is for your team: open your team's access link (whoever runs the server has it) to see it.";

    public bool TeamMember { get; set; } = true;
    public PageResult<IReadOnlyList<IncidentRow>> Rows { get; set; } = PageResult<IReadOnlyList<IncidentRow>>.Ok([]);
    public PageResult<IncidentDetail> Detail { get; set; } = PageResult<IncidentDetail>.Fail(404, IncidentLogCodes.IncidentNotFound, "Not there.");
    public PageResult<IReadOnlyList<ActionView>> Actions { get; set; } = PageResult<IReadOnlyList<ActionView>>.Ok([]);
    public PageResult<ActionStatusResponse>? Update { get; set; }

    public List<IncidentQuery> Queries { get; } = [];
    public List<string?> ActionQueries { get; } = [];
    public List<(string NoteId, ActionStatusRequest? Request, string? Token)> Updates { get; } = [];

    public string? AccessRefusal(ClaimsPrincipal user) => TeamMember ? null : Refusal;

    public Task<PageResult<IReadOnlyList<IncidentRow>>> ListAsync(IncidentQuery query, CancellationToken cancellationToken)
    {
        Queries.Add(query);
        return Task.FromResult(Rows);
    }

    public Task<PageResult<IncidentDetail>> GetAsync(string boardId, CancellationToken cancellationToken) => Task.FromResult(Detail);

    public Task<PageResult<IReadOnlyList<ActionView>>> ActionsAsync(string? overdue, CancellationToken cancellationToken)
    {
        ActionQueries.Add(overdue);
        return Task.FromResult(Actions);
    }

    public Task<PageResult<ActionStatusResponse>> UpdateActionAsync(string noteId, ActionStatusRequest? request, string? boardToken, CancellationToken cancellationToken)
    {
        Updates.Add((noteId, request, boardToken));
        return Task.FromResult(Update ?? PageResult<ActionStatusResponse>.Ok(new ActionStatusResponse("b1", noteId, Core.Model.ActionStatus.Done, 5, null)));
    }
}
