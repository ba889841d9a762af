using System.Text.Json.Nodes;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

public sealed record BlockView(ViewPassportModel Page, Block Block, bool Sub);

/// <summary>One item of a block, with the block it is in (for its actions).</summary>
public sealed record ItemView(BlockView Block, JsonNode Item);
