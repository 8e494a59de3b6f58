namespace Touchpoint.Web.Components.Shared;

/// <summary>
/// Remembers the cursors of the pages already visited, so a keyset-paged list can go back: the API's cursors only
/// point forward.
/// </summary>
public sealed class KeysetPages
{
    private readonly Stack<string?> _previous = new();

    public string? Current { get; private set; }
    public string? Next { get; set; }
    public int Number => _previous.Count + 1;
    public bool CanGoBack => _previous.Count > 0;
    public bool HasNext => Next is not null;

    public void Forward()
    {
        if (Next is null) return;
        _previous.Push(Current);
        Current = Next;
    }

    public void Back()
    {
        if (_previous.Count > 0) Current = _previous.Pop();
    }

    public void Reset()
    {
        _previous.Clear();
        Current = null;
        Next = null;
    }
}
