using Passport.Sdk;

namespace Passport.Core.Access;

/// <summary>The signed-in person of the current request, set once by the API endpoint.</summary>
public sealed class CurrentViewer
{
    private Viewer? _viewer;

    public Viewer Value
    {
        get => _viewer ?? throw new InvalidOperationException("No viewer is set for this request.");
        set => _viewer = value;
    }
}
