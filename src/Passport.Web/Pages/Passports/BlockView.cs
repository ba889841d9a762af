using System.Text.Json.Nodes;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

/// <summary>One block of the passport page as the page shows it; <paramref name="Sub"/> when it sits inside a section (an h3, not an h2).</summary>
public sealed record BlockView(ViewPassportModel Page, PageBlock Block, bool Sub);

/// <summary>One item of a block, with the block it is in (for its actions).</summary>
public sealed record ItemView(BlockView Block, JsonNode Item);

/// <summary>A block's chart with the items it draws.</summary>
public sealed record ItemChartView(PageBlock Block, JsonArray Items);
