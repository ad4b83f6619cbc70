namespace PostMortem.Server.Redis;

/// <summary>One entry as Redis stored and published it: its seq and its exact text.</summary>
internal readonly record struct StoredEntry(long Seq, string Text);

/// <summary>
/// The last entries one board's feed delivered on this instance, contiguous by seq, kept as Redis's own text:
/// what the instance may write back if Redis loses them (<see cref="RedisScripts.Restore"/>), and what an entry
/// arriving again under an already delivered seq is compared with. Only the feed's pump touches it.
/// </summary>
internal sealed class DeliveredRing(int capacity)
{
    private readonly StoredEntry[] _items = new StoredEntry[capacity];
    private int _start;
    private int _count;

    public int Count => _count;

    public void Add(StoredEntry entry)
    {
        if (_count > 0 && entry.Seq != Last.Seq + 1)
        {
            Clear(); // a jump (trimmed entries, a rewind): older entries no longer lead here
        }

        if (_count < _items.Length)
        {
            _items[(_start + _count) % _items.Length] = entry;
            _count++;
        }
        else
        {
            _items[_start] = entry;
            _start = (_start + 1) % _items.Length;
        }
    }

    public bool TryGet(long seq, out StoredEntry entry)
    {
        entry = default;
        if (_count == 0 || seq < First.Seq || seq > Last.Seq)
        {
            return false;
        }

        entry = _items[(_start + (int)(seq - First.Seq)) % _items.Length];
        return true;
    }

    /// <summary>Every held entry, in seq order.</summary>
    public StoredEntry[] ToArray()
    {
        var all = new StoredEntry[_count];
        for (var i = 0; i < _count; i++)
        {
            all[i] = _items[(_start + i) % _items.Length];
        }

        return all;
    }

    /// <summary>Forgets the entries with seq at or above <paramref name="seq"/> (the log no longer holds them there).</summary>
    public void DropFrom(long seq)
    {
        while (_count > 0 && Last.Seq >= seq)
        {
            _items[(_start + _count - 1) % _items.Length] = default;
            _count--;
        }
    }

    public void Clear()
    {
        Array.Clear(_items);
        _start = 0;
        _count = 0;
    }

    private StoredEntry First => _items[_start];

    private StoredEntry Last => _items[(_start + _count - 1) % _items.Length];
}
