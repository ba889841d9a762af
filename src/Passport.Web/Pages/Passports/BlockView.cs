using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

public sealed record BlockView(ViewPassportModel Page, Block Block, bool Sub);
