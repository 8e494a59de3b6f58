using Touchpoint.Testing;
using System.Diagnostics;

namespace Touchpoint.Web.Tests.Channels.Support;

/// <summary>
/// A real IMAP server for the test run: Debian's Dovecot (package dovecot-imapd, installed by ./test.sh when missing),
/// configured in a temp folder on a free loopback port with a plain-text password file, stopped when the process
/// exits. Each test class gets its own account, so mailboxes never mix. It never skips: no Dovecot, loud failure.
/// </summary>
public static class DovecotServer
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _root;
    private static int _port;

    public static async Task<(int Port, string User, string Password)> AccountAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_root is null) await StartAsync();
            var user = $"u{Guid.NewGuid():N}"[..13] + "@imap.test";
            var password = Guid.NewGuid().ToString("N");
            // passwd-file is re-read on change, so accounts can be added while the server runs.
            await File.AppendAllTextAsync(Path.Combine(_root!, "passwd"), $"{user}:{{PLAIN}}{password}\n");
            return (_port, user, password);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task StartAsync()
    {
        if (!File.Exists("/usr/sbin/dovecot"))
            throw new InvalidOperationException("Dovecot was not found at /usr/sbin/dovecot: install the Debian package dovecot-imapd (./test.sh does).");
        var root = TestTemp.Folder("imap");
        foreach (var d in new[] { "run", "state", "home" }) Directory.CreateDirectory(Path.Combine(root, d));
        await File.WriteAllTextAsync(Path.Combine(root, "passwd"), "");
        _port = LoopbackPort.Free();
        // Mail is owned by the unprivileged dovecot user: Dovecot refuses to serve mail as root.
        await File.WriteAllTextAsync(Path.Combine(root, "dovecot.conf"), $$"""
            base_dir = {{root}}/run
            state_dir = {{root}}/state
            log_path = {{root}}/dovecot.log
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            protocols = imap
            listen = 127.0.0.1
            first_valid_uid = 100
            mail_location = maildir:~/Maildir
            default_internal_user = dovecot
            default_login_user = dovenull
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{_port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{root}}/passwd
            }
            userdb {
              driver = static
              args = uid=dovecot gid=dovecot home={{root}}/home/%u
            }
            """);
        await RunAsync("chmod", $"755 {root}");
        await RunAsync("chown", $"dovecot:dovecot {Path.Combine(root, "home")}");
        // The daemon keeps inherited pipes open, so its output is not captured (it logs to dovecot.log).
        await RunAsync("/usr/sbin/dovecot", $"-c {root}/dovecot.conf", capture: false);
        _root = root;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { RunAsync("/usr/bin/doveadm", $"-c {root}/dovecot.conf stop").GetAwaiter().GetResult(); }
            catch (InvalidOperationException) { }
        };
        // The master forks and returns at once; wait until the login service answers.
        for (var i = 0; i < 50; i++)
        {
            try
            {
                using var c = new System.Net.Sockets.TcpClient();
                await c.ConnectAsync("127.0.0.1", _port);
                return;
            }
            catch (System.Net.Sockets.SocketException) { await Task.Delay(100); }
        }
        throw new InvalidOperationException($"Dovecot did not listen on {_port}; see {root}/dovecot.log");
    }

    private static async Task RunAsync(string file, string args, bool capture = true)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = capture, RedirectStandardOutput = capture })!;
        var err = capture ? await p.StandardError.ReadToEndAsync() : "see the log";
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {args} failed ({p.ExitCode}): {err}");
    }
}
