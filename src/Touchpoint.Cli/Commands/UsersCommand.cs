using System.CommandLine;
using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Access;
using Touchpoint.Domain.Access;

namespace Touchpoint.Cli.Commands;

/// <summary>`touchpoint users create|list`: people who sign in, with the same password rules as the web app.</summary>
internal static class UsersCommand
{
    public static Command Create(CliIo io)
    {
        var users = new Command("users", "Create and list the people who sign in");
        users.Subcommands.Add(CreateUser(io));
        users.Subcommands.Add(List(io));
        return users;
    }

    private static Command CreateUser(CliIo io)
    {
        var email = new Option<string>("--email") { Description = "Sign-in email address", Required = true };
        var role = new Option<string>("--role") { Description = "admin, agent, analyst or viewer", Required = true };
        role.AcceptOnlyFromAmong([.. Roles.All]);
        var name = new Option<string?>("--name") { Description = "Display name (default: the email)" };
        var password = new Option<string?>("--password") { Description = $"At least {IdentityRules.MinPasswordLength} characters (default: generated and printed once)" };
        var command = new Command("create", "Create a user") { email, role, name, password };
        command.SetAction(Cli.Guarded(io, async (parse, ct) =>
        {
            var address = parse.GetValue(email)!.Trim();
            if (!MailAddress.TryCreate(address, out _)) throw new CliException($"'{address}' is not an email address");
            var given = parse.GetValue(password);
            var secret = string.IsNullOrEmpty(given) ? IdentityRules.GeneratePassword() : given;
            await using var host = await CliHost.StartAsync(parse, ct);
            var manager = host.Get<UserManager<AppUser>>();
            var user = new AppUser
            {
                UserName = address, Email = address, EmailConfirmed = true, DisplayName = parse.GetValue(name)?.Trim() ?? address,
                Role = parse.GetValue(role)!, CreatedAtUtc = host.Get<TimeProvider>().GetUtcNow().UtcDateTime,
            };
            var result = await manager.CreateAsync(user, secret);
            if (!result.Succeeded) throw new CliException(string.Join(" ", result.Errors.Select(e => e.Description)));
            var generated = string.IsNullOrEmpty(given) ? secret : null;
            if (parse.GetValue(Cli.Json))
                await io.WriteJsonAsync(new { id = user.Id, email = address, name = user.DisplayName, role = user.Role, generatedPassword = generated });
            else
            {
                await io.Out.WriteLineAsync($"Created user {user.Id}: {address} ({user.Role}).");
                if (generated is not null) await io.Out.WriteLineAsync($"Password (shown only now): {generated}");
            }
            return Cli.Ok;
        }));
        return command;
    }

    private static Command List(CliIo io)
    {
        var command = new Command("list", "List users");
        command.SetAction(Cli.Guarded(io, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, ct);
            var all = await host.Get<UserManager<AppUser>>().Users.AsNoTracking().OrderBy(u => u.Id)
                .Select(u => new { id = u.Id, email = u.Email ?? "", name = u.DisplayName, role = u.Role, active = u.IsActive, createdAt = u.CreatedAtUtc })
                .ToListAsync(ct);
            if (parse.GetValue(Cli.Json))
            {
                await io.WriteJsonAsync(all);
                return Cli.Ok;
            }
            await io.Out.WriteLineAsync($"{"ID",6}  {"ROLE",-8}  {"ACTIVE",-6}  EMAIL (NAME)");
            foreach (var u in all) await io.Out.WriteLineAsync($"{u.id,6}  {u.role,-8}  {(u.active ? "yes" : "no"),-6}  {u.email} ({u.name})");
            return Cli.Ok;
        }));
        return command;
    }
}
