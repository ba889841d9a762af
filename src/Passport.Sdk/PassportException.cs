using GraphQL;

namespace Passport.Sdk;

/// <summary>
/// A refusal or failure that is safe to show to the caller: its message is written for them and
/// its <see cref="ExecutionError.Code"/> is one of <see cref="ErrorCodes"/>.
/// </summary>
public sealed class PassportException : ExecutionError
{
    /// <summary>Creates the error.</summary>
    /// <param name="code">One of <see cref="ErrorCodes"/>.</param>
    /// <param name="message">A message for the caller, with no internals.</param>
    /// <param name="field">For <see cref="ErrorCodes.ValidationFailed"/>: the input field at fault.</param>
    public PassportException(string code, string message, string? field = null)
        : base(message)
    {
        Code = code;
        if (field is not null)
        {
            Extensions = new Dictionary<string, object?> { ["field"] = field };
        }
    }

    /// <summary>A validation failure naming the offending input field.</summary>
    /// <param name="field">The input field, e.g. <c>input.nhsNumber</c>.</param>
    /// <param name="message">What is wrong with it.</param>
    /// <returns>The error to throw.</returns>
    public static PassportException Invalid(string field, string message) =>
        new(ErrorCodes.ValidationFailed, message, field);

    /// <summary>The passport does not exist for this viewer.</summary>
    /// <returns>The error to throw.</returns>
    public static PassportException NotFound() =>
        new(ErrorCodes.NotFound, "No passport with that id is available to you.");

    /// <summary>
    /// The passport is closed: no changes, no content (see <see cref="ErrorCodes.PassportClosed"/>).
    /// The message does not say when: a closing day at the 26th birthday would tell anyone with a
    /// relationship that social care was involved.
    /// </summary>
    /// <returns>The error to throw.</returns>
    public static PassportException Closed() =>
        new(ErrorCodes.PassportClosed, "This passport has closed and can no longer be seen or changed.");

    /// <summary>As <see cref="Closed()"/>: the day is not shown. Kept for modules built against earlier versions of this SDK.</summary>
    /// <param name="closedOn">The day it closed (not shown).</param>
    /// <returns>The error to throw.</returns>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static PassportException Closed(DateOnly closedOn) => Closed();

    /// <summary>The viewer may not do this.</summary>
    /// <param name="message">Why, in plain words.</param>
    /// <returns>The error to throw.</returns>
    public static PassportException Forbidden(string message) => new(ErrorCodes.Forbidden, message);
}
