using PostMortem.Core;
using PostMortem.Core.Protocol;
using PostMortem.Core.WriteUp;

namespace PostMortem.Web.Data;

/// <summary>
/// What the board's server-rendered pages (create, pre-read, write-up, sign-off) need from the server: the same
/// answers as its HTTP API (docs/PROTOCOL.md, "HTTP"), which calls this too.
/// </summary>
public interface IBoardPages
{
    /// <param name="teamMember">Whether the caller holds the team credential: only then are earlier incidents' open actions in the answer.</param>
    Task<PageResult<CreateBoardResponse>> CreateAsync(CreateBoardRequest request, bool teamMember, CancellationToken cancellationToken);

    /// <summary>The board as a reader sees it, with the read key.</summary>
    Task<PageResult<BoardView>> ReadAsync(string boardId, string? key, CancellationToken cancellationToken);

    /// <summary>The write-up, with the read key; <paramref name="namesAsRoles"/> replaces names with roles.</summary>
    Task<PageResult<WriteUpModel>> WriteUpAsync(string boardId, string? key, bool namesAsRoles, CancellationToken cancellationToken);

    /// <summary>Agree to the actions by name, with the read key.</summary>
    Task<PageResult<SignOffResponse>> SignOffAsync(string boardId, string? key, string? name, CancellationToken cancellationToken);
}
