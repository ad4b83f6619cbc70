namespace PostMortem.Server.Boards;

/// <summary>The last N applied entries of one board, contiguous by seq, for reconnect catch-up (rule R4).
/// Not thread-safe: the host's lock guards it. Its array grows by doubling up to N, so a quiet board does not hold
/// room for 2,000 entries (16 KB) it never has.</summary>
internal sealed class AppliedRing(int capacity)
{
    private const int FirstSize = 16;
    private AppliedEntry[] _items = new AppliedEntry[Math.Min(capacity, FirstSize)];
    private int _start;
    private int _count;

    public int Capacity => capacity;

    public void Add(AppliedEntry entry)
    {
        if (_count > 0 && entry.Seq != LastSeq + 1)
        {
            Clear(); // a discontinuity (reload from a snapshot): older entries no longer lead here
        }

        if (_count == _items.Length && _items.Length < capacity)
        {
            Grow();
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

    /// <summary>Room for twice as many (at most the capacity), the oldest first.</summary>
    private void Grow()
    {
        var larger = new AppliedEntry[Math.Min(capacity, _items.Length * 2)];
        for (var i = 0; i < _count; i++)
        {
            larger[i] = _items[(_start + i) % _items.Length];
        }

        _items = larger;
        _start = 0;
    }

    public void Clear()
    {
        Array.Clear(_items);
        _start = 0;
        _count = 0;
    }

    private long FirstSeq => _items[_start].Seq;

    private long LastSeq => _items[(_start + _count - 1) % _items.Length].Seq;

    public bool TryGet(long seq, out AppliedEntry entry)
    {
        entry = null!;
        if (_count == 0 || seq < FirstSeq || seq > LastSeq)
        {
            return false;
        }

        entry = _items[(_start + (int)(seq - FirstSeq)) % _items.Length];
        return true;
    }

    /// <summary>Exactly the entries with Seq in (<paramref name="afterSeq"/>, <paramref name="upToSeq"/>], if all are held.</summary>
    public bool TryGetRange(long afterSeq, long upToSeq, out List<AppliedEntry> entries)
    {
        entries = [];
        if (afterSeq == upToSeq)
        {
            return true;
        }

        if (_count == 0 || afterSeq + 1 < FirstSeq || upToSeq > LastSeq || afterSeq > upToSeq)
        {
            return false;
        }

        for (var seq = afterSeq + 1; seq <= upToSeq; seq++)
        {
            TryGet(seq, out var entry);
            entries.Add(entry);
        }

        return true;
    }
}
