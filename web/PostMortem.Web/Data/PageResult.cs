namespace PostMortem.Web.Data;

/// <summary>Why a page's data could not be had: the HTTP status the API answers with, its error code and a sentence for people.</summary>
public sealed record PageError(int Status, string Code, string Message);

/// <summary>A page's data or the reason there is none. Exactly one of <see cref="Value"/> and <see cref="Error"/> is set.</summary>
public sealed record PageResult<T>(T? Value, PageError? Error)
{
    public bool IsOk => Error is null;

    public static PageResult<T> Ok(T value) => new(value, null);

    public static PageResult<T> Fail(int status, string code, string message) => new(default, new PageError(status, code, message));

    public static implicit operator PageResult<T>(PageError error) => new(default, error);
}
