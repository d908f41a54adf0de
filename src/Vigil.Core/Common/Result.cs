namespace Vigil.Core.Common;

/// <summary>
/// An expected failure of a use case. The host maps each kind to an RFC 9457 problem in one place;
/// exceptions are kept for bugs.
/// </summary>
public abstract record Error(string Message)
{
    /// <summary>The message with any details, for a console or log line (never personal data).</summary>
    public virtual string Describe() => Message;
}

/// <summary>The record does not exist or lies outside the caller's scope: the two are indistinguishable on purpose.</summary>
public record NotFoundError(string Message = "Not found.") : Error(Message);

/// <summary>The caller sees the record but their role may not make this change.</summary>
public record ForbiddenError(string Message) : Error(Message);

/// <summary>The record exists and is visible, but the state forbids the change.</summary>
public record ConflictError(string Message) : Error(Message);

/// <summary>Input broke a rule; <see cref="Fields"/> maps each offending field to its messages.</summary>
public record ValidationError(IReadOnlyDictionary<string, string[]> Fields)
    : Error("One or more fields are invalid.")
{
    public static ValidationError For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });

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
