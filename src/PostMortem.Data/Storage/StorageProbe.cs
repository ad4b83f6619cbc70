using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace PostMortem.Data.Storage;

/// <summary>
/// The recovery probe: a 256 KB file written, flushed to disk and deleted in the data folder (where the SQLite
/// database lives by default), then a connection to the database (SQL Server unreachable shows here).
/// </summary>
internal sealed class StorageProbe(IDbContextFactory<PostMortemDbContext> contexts, IOptions<DatabaseOptions> options) : IStorageProbe
{
    private const int ProbeBytes = 256 * 1024;

    public async Task ProbeWriteAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(options.Value.DataFolder, ".storage-probe");
        try
        {
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
            {
                await file.WriteAsync(new byte[ProbeBytes], cancellationToken);
                await file.FlushAsync(cancellationToken);
            }
        }
        finally
        {
            File.Delete(path);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            throw new IOException("The database cannot be reached.");
        }
    }
}
