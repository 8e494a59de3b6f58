namespace Touchpoint.Testing;

/// <summary>
/// Temporary files and folders of a test run, all under one folder per test process that is deleted when the process
/// exits; folders left by runs that died are deleted by the next run. Tests used to write straight into the system
/// temp folder, and a full run left some 3,000 files there.
/// </summary>
public static class TestTemp
{
    private const string Prefix = "tp-test-";
    private static readonly string Root = CreateRoot();

    /// <summary>A new, empty folder whose name starts with <paramref name="name"/>.</summary>
    public static string Folder(string name)
    {
        var dir = Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>A path named <paramref name="fileName"/> in a new folder of its own (the file is not created).</summary>
    public static string File(string fileName) => Path.Combine(Folder("file"), fileName);

    private static string CreateRoot()
    {
        foreach (var stale in Directory.EnumerateDirectories(Path.GetTempPath(), Prefix + "*"))
            if (int.TryParse(Path.GetFileName(stale)[Prefix.Length..].Split('-')[0], out var pid) && !Running(pid))
                TryDelete(stale);
        var root = Path.Combine(Path.GetTempPath(), $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}");
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(root);
        return root;
    }

    private static bool Running(int pid)
    {
        try { using var p = System.Diagnostics.Process.GetProcessById(pid); return !p.HasExited; }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    private static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
