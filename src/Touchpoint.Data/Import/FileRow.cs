using Touchpoint.Domain.Journeys;

namespace Touchpoint.Data.Import;

/// <summary>One record read from a file: its value, or why it could not be read, and the line it starts on.</summary>
public readonly record struct FileRow<T>(int Line, T? Value, IReadOnlyList<FieldError>? Errors) where T : class
{
    public static FileRow<T> Good(int line, T value) => new(line, value, null);
    public static FileRow<T> Bad(int line, params FieldError[] errors) => new(line, null, errors);
}

/// <summary>A file that cannot be imported at all (no header, unknown columns): nothing is read from it.</summary>
public sealed class ImportFileException(string message) : Exception(message);
