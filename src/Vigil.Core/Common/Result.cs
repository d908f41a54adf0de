namespace Vigil.Core.Common;

/// <summary>
/// An expected failure of a use case. The host maps each kind to an RFC 9457 problem in one place;
/// exceptions are kept for bugs.
/// </summary>
public abstract record Error(string Message)
{
    /// <summary>The message as a format and its values, so that a page can say it in its language (the API keeps <see cref="Message"/>).</summary>
    public Words Text { get; init; } = Words.FromText(Message);

    /// <summary>The message with any details, for a console or log line (never personal data).</summary>
    public virtual string Describe() => Message;
}

/// <summary>The record does not exist or lies outside the caller's scope: the two are indistinguishable on purpose.</summary>
public record NotFoundError(string Message = "Not found.") : Error(Message)
{
    public NotFoundError(Words text) : this(text.ToString()) => Text = text;
}

/// <summary>The caller sees the record but their role may not make this change.</summary>
public record ForbiddenError(string Message) : Error(Message)
{
    public ForbiddenError(Words text) : this(text.ToString()) => Text = text;
}

/// <summary>The record exists and is visible, but the state forbids the change.</summary>
public record ConflictError(string Message) : Error(Message)
{
    public ConflictError(Words text) : this(text.ToString()) => Text = text;
}

/// <summary>Input broke a rule; <see cref="Fields"/> maps each offending field to its messages.</summary>
public record ValidationError(IReadOnlyDictionary<string, string[]> Fields)
    : Error("One or more fields are invalid.")
{
    /// <summary>Messages kept as formats and values (an interpolated string in <c>[$"..."]</c> converts as written).</summary>
    public ValidationError(IReadOnlyDictionary<string, Words[]> fields)
        : this(fields.ToDictionary(f => f.Key, f => f.Value.Select(w => w.ToString()).ToArray())) => FieldText = fields;

    /// <summary>Each field's messages as formats and values, for a page in another language.</summary>
    public IReadOnlyDictionary<string, Words[]> FieldText { get; init; } =
        Fields.ToDictionary(f => f.Key, f => f.Value.Select(Words.FromText).ToArray());

    public static ValidationError For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });

    public static ValidationError For(string field, Words message) => new(new Dictionary<string, Words[]> { [field] = [message] });

    public override string Describe() => string.Join(" ", Fields.Select(f => $"{f.Key}: {string.Join(" ", f.Value)}"));
}

/// <summary>Either a value or an error.</summary>
public readonly struct Result<T>
{
    private Result(T? value, Error? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }
    public Error? Error { get; }
    public bool IsSuccess => Error is null;

    public static implicit operator Result<T>(T value) => new(value, null);
    public static implicit operator Result<T>(Error error) => new(default, error);

    public TOut Match<TOut>(Func<T, TOut> onValue, Func<Error, TOut> onError) =>
        Error is null ? onValue(Value!) : onError(Error);
}
