namespace Passport.Web;

/// <summary>
/// The web app's own words: <c>Resources/SharedResource.resx</c> (English, the default) and one
/// <c>SharedResource.&lt;language&gt;.resx</c> a language beside it (<c>pl</c>, <c>ro</c>). Pages read
/// them through <c>IHtmlLocalizer&lt;SharedResource&gt;</c> (views, <c>T["Share.Title"]</c>) or
/// <c>IStringLocalizer&lt;SharedResource&gt;</c> (page models). Modules' words are the modules' own
/// (<see cref="Passport.Sdk.Pages.ModuleWords"/>). See docs/languages.md.
/// </summary>
public sealed class SharedResource
{
    private SharedResource()
    {
    }
}
