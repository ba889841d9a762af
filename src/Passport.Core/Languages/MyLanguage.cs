using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Types;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Passport.Core.Access;
using Passport.Core.GraphQL;
using Passport.Sdk;

namespace Passport.Core.Languages;

/// <summary>
/// The language a person chose for the web app's pages (e.g. <c>pl-PL</c>), kept with their account
/// (their subject) so it follows them to another device. Nothing about any passport: only the choice.
/// </summary>
public sealed class PersonLanguage
{
    /// <summary>The person's subject.</summary>
    public string Id { get; set; } = "";

    /// <summary>A culture name, e.g. <c>pl-PL</c>.</summary>
    public string Language { get; set; } = "";

    public DateTimeOffset ChangedAt { get; set; }
}

internal static partial class MyLanguageFields
{
    private const int LongestLanguage = 20;

    /// <summary><c>me { language }</c>: the language the signed-in person chose, or null.</summary>
    public static void Define(ObjectGraphType<Viewer> viewer) =>
        viewer.Field<StringGraphType>("language")
            .Description("The language you chose for the web app's pages, as a culture name (e.g. pl-PL); null until you choose one.")
            .ResolveAsync(async c =>
            {
                var chosen = await c.RequestServices!.GetRequiredService<IQuerySession>().LoadAsync<PersonLanguage>(c.Source.Subject, c.CancellationToken);
                return chosen?.Language;
            });

    /// <summary><c>setMyLanguage(language:)</c>: remembers the signed-in person's language.</summary>
    public static void Define(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ViewerGraphType>>("setMyLanguage")
            .Description("Remembers the language you chose for the web app's pages (a culture name such as en-GB, pl-PL or ro-RO), so it follows you to another device.")
            .Argument<NonNullGraphType<StringGraphType>>("language")
            .ResolveAsync(async c =>
            {
                var language = c.GetArgument<string>("language").Trim();
                if (language.Length > LongestLanguage || !CultureName().IsMatch(language))
                {
                    throw PassportException.Invalid("language", "language must be a culture name such as en-GB, pl-PL or ro-RO");
                }

                var services = c.RequestServices!;
                var viewer = services.GetRequiredService<CurrentViewer>().Value;
                var session = services.GetRequiredService<IDocumentSession>();
                session.Store(new PersonLanguage { Id = viewer.Subject, Language = language, ChangedAt = services.GetRequiredService<TimeProvider>().GetUtcNow() });
                await session.SaveChangesAsync(c.CancellationToken);
                return viewer;
            });

    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex CultureName();
}
