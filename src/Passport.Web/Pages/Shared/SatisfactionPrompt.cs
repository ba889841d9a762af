namespace Passport.Web.Pages;

/// <summary>
/// The optional question after a journey (creating a passport, sharing it, a professional joining
/// and reading it): how easy it was, 1 to 5, and a comment. The answer is kept apart from any
/// passport or person (the API's <c>recordSatisfaction</c>).
/// </summary>
/// <param name="Journey">CREATED_PASSPORT, SHARED_PASSPORT or READ_PASSPORT.</param>
/// <param name="ReturnTo">The local page to go back to after answering.</param>
/// <param name="Score">The score chosen, when the form comes back with an error.</param>
/// <param name="Comment">The comment written, when the form comes back with an error.</param>
/// <param name="Error">Why the form came back, if it did.</param>
public sealed record SatisfactionPrompt(string Journey, string ReturnTo, string? Score = null, string? Comment = null, string? Error = null)
{
    public static IReadOnlyList<string> Journeys { get; } = ["CREATED_PASSPORT", "SHARED_PASSPORT", "READ_PASSPORT"];

    /// <summary>Where a journey's question is asked: a flag the page that ends the journey leaves for the next page.</summary>
    public const string TempDataKey = "passport.satisfaction";
}
