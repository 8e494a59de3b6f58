using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Touchpoint.Data.Access;

namespace Touchpoint.Web.Security;

/// <summary>Puts the user's role and display name into the sign-in cookie.</summary>
public sealed class AppClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var id = await base.GenerateClaimsAsync(user);
        id.AddClaim(new Claim(ClaimTypes.Role, user.Role));
        id.AddClaim(new Claim("tp:display_name", string.IsNullOrEmpty(user.DisplayName) ? user.Email ?? "" : user.DisplayName));
        return id;
    }
}
