using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Import;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Access;

namespace Touchpoint.Data.Service.Channels;

/// <summary>One tweet of the "Customer Support on Twitter" corpus (twcs.csv), with its line in the file.</summary>
public sealed record Tweet(int Line, string Id, string Author, bool Inbound, DateTime AtUtc, string Text, string? InResponseTo, IReadOnlyList<string> Responses);

public sealed record TwitterImportReport(int Rows, int Stored, int Duplicates, int Tickets, int Brands, IReadOnlyList<(int Line, string Reason)> Skipped, IReadOnlyList<(int Line, string Reason)> Rejected);

/// <summary>
/// Imports twcs.csv through the social channel (<see cref="SocialIntake"/>), as if each tweet had arrived by the
/// webhook. A conversation is a set of tweets joined by reply links (in_response_to_tweet_id and response_tweet_id)
/// inside the file; it becomes one ticket, opened by its first customer tweet in time order. Brand accounts are the
/// authors with inbound=False; each becomes a team, and the first brand reply routes the ticket to it. Brand tweets
/// before the first customer tweet of their conversation answer a question outside the file and are skipped, reported
/// with their line; rows that cannot be read are rejected with their line. Importing the file twice stores nothing new.
/// </summary>
/// <param name="runRules">Whether "created" and "customer replied" routing rules run on the imported conversations. Off by
/// default: the file is history (2017), and rules would assign, tag and answer conversations that ended long ago.</param>
public sealed class TwitterImport(TouchpointDbFactory dbs, TimeProvider clock, bool runRules = false)
{
    public const string Platform = "twitter";
    private static readonly string[] Columns = ["", "tweet_id", "author_id", "inbound", "created_at", "text", "response_tweet_id", "in_response_to_tweet_id"];

    public async Task<TwitterImportReport> ImportFileAsync(string path, IProgress<int>? progress, CancellationToken ct)
    {
        var rejected = new List<(int, string)>();
        List<Tweet> tweets;
        await using (var stream = File.OpenRead(path)) tweets = Read(stream, rejected);
        var skipped = new List<(int, string)>();
        int stored = 0, duplicates = 0, done = 0;
        var ticketIds = new HashSet<long>();
        var now = clock.GetUtcNow().UtcDateTime;

        var brands = tweets.Where(t => !t.Inbound).Select(t => t.Author).Distinct().ToList();
        await EnsureTeamsAsync(brands, now, ct);
        foreach (var conversation in Conversations(tweets))
        {
            await using var db = dbs.Create();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var storedIds = new HashSet<string>();
            string? opener = null;
            foreach (var t in conversation)
            {
                // The direct parent when it is stored; otherwise the tweet that opened the conversation's ticket.
                var parent = t.InResponseTo is { } p && storedIds.Contains(p) ? p : opener;
                var r = await SocialIntake.ReceiveAsync(db, new SocialMessage(Platform, t.Id, t.Author, t.Text, t.AtUtc, !t.Inbound, parent,
                    $"https://twitter.com/{t.Author}/status/{t.Id}", t.Inbound ? null : t.Author, SkipRules: !runRules), now, ct);
                switch (r.Outcome)
                {
                    case SocialOutcome.Skipped: skipped.Add((t.Line, r.Reason!)); break;
                    case SocialOutcome.Duplicate: duplicates++; storedIds.Add(t.Id); opener ??= t.Id; break;
                    default: stored++; storedIds.Add(t.Id); opener ??= t.Id; ticketIds.Add(r.TicketId!.Value); break;
                }
                db.ChangeTracker.Clear();
            }
            await tx.CommitAsync(ct);
            done += conversation.Count;
            progress?.Report(done);
        }
        return new TwitterImportReport(tweets.Count + rejected.Count, stored, duplicates, ticketIds.Count, brands.Count, skipped, rejected);
    }

    /// <summary>Tweets grouped into conversations (connected by reply links within the file), each in time order.</summary>
    public static List<List<Tweet>> Conversations(IReadOnlyList<Tweet> tweets)
    {
        var byId = tweets.ToDictionary(t => t.Id);
        var root = tweets.ToDictionary(t => t.Id, t => t.Id);
        string Find(string x)
        {
            while (root[x] != x) x = root[x] = root[root[x]];
            return x;
        }
        void Join(string a, string b)
        {
            if (!byId.ContainsKey(b)) return;
            var (ra, rb) = (Find(a), Find(b));
            if (ra != rb) root[ra] = rb;
        }
        foreach (var t in tweets)
        {
            if (t.InResponseTo is { } p) Join(t.Id, p);
            foreach (var c in t.Responses) Join(t.Id, c);
        }
        return tweets.GroupBy(t => Find(t.Id))
            .Select(g => g.OrderBy(t => t.AtUtc).ThenBy(t => long.Parse(t.Id, CultureInfo.InvariantCulture)).ToList())
            .OrderBy(c => c[0].AtUtc).ThenBy(c => long.Parse(c[0].Id, CultureInfo.InvariantCulture)).ToList();
    }

    public static List<Tweet> Read(Stream stream, List<(int, string)> rejected)
    {
        var options = CsvReaderOptions.Default with
        {
            Separator = ',', HasHeader = true, TrackLineNumbers = true, AllowLineBreaksInQuotes = true,
            MalformedData = CsvMalformedDataHandling.Recover, FieldCountMismatch = CsvFieldCountHandling.Allow,
        };
        using var csv = CsvReader.Create(stream, options, leaveOpen: true);
        var records = new List<(int Line, string[] Fields)>();
        while (csv.Read())
            records.Add(((int)csv.LineNumber, Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i)).ToArray()));
        if (csv.Headers.Count == 0) throw new ImportFileException("The file is empty or has no header row.");
        var headers = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
        int Col(string name) => headers.IndexOf(name) is var i and >= 0 ? i : throw new ImportFileException($"The column '{name}' is missing; twcs.csv has {string.Join(", ", Columns.Skip(1))}.");
        var (id, author, inbound, created, text, responses, inResponse) = (Col("tweet_id"), Col("author_id"), Col("inbound"), Col("created_at"), Col("text"), Col("response_tweet_id"), Col("in_response_to_tweet_id"));
        var list = new List<Tweet>();
        var seen = new HashSet<string>();
        foreach (var (line, fields) in Mend(records, headers.Count))
        {
            string F(int i) => i < fields.Length ? fields[i].Trim() : "";
            if (fields.Length != headers.Count) { rejected.Add((line, $"has {fields.Length} fields; the header has {headers.Count}")); continue; }
            var tweetId = F(id);
            if (!long.TryParse(tweetId, NumberStyles.None, CultureInfo.InvariantCulture, out _)) { rejected.Add((line, "tweet_id is not a number")); continue; }
            if (!seen.Add(tweetId)) { rejected.Add((line, $"tweet {tweetId} appears twice")); continue; }
            if (F(author).Length == 0) { rejected.Add((line, "author_id is empty")); continue; }
            if (!bool.TryParse(F(inbound), out var isInbound)) { rejected.Add((line, "inbound is not True or False")); continue; }
            if (!DateTimeOffset.TryParseExact(F(created), "ddd MMM dd HH:mm:ss zzz yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            { rejected.Add((line, "created_at is not a date like 'Tue Oct 31 22:10:47 +0000 2017'")); continue; }
            list.Add(new Tweet(line, tweetId, F(author), isInbound, at.UtcDateTime, fields[text], IdOf(F(inResponse)),
                F(responses).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(IdOf).OfType<string>().ToList()));
        }
        return list;
    }

    /// <summary>
    /// Mends records broken by a bare line break inside an unquoted text field (the corpus has one): a record with
    /// too few fields continues on the following lines, the break kept in the text, until the header's width is reached.
    /// </summary>
    public static IEnumerable<(int Line, string[] Fields)> Mend(IReadOnlyList<(int Line, string[] Fields)> records, int width)
    {
        for (var i = 0; i < records.Count; i++)
        {
            var (line, fields) = records[i];
            if (fields.Length == 0 || fields is [""]) continue;
            var merged = fields.ToList();
            while (merged.Count < width && i + 1 < records.Count)
            {
                var next = records[++i].Fields;
                if (next.Length == 0 || next is [""]) { merged[^1] += "\n"; continue; }
                merged[^1] += "\n" + next[0];
                merged.AddRange(next.Skip(1));
            }
            yield return (line, merged.ToArray());
        }
    }

    /// <summary>pandas wrote the reply ids as floats ("3.0"); the id is the integer part.</summary>
    private static string? IdOf(string s)
    {
        if (s.Length == 0) return null;
        var dot = s.IndexOf('.');
        var digits = dot >= 0 && s[(dot + 1)..].All(c => c == '0') ? s[..dot] : s;
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? digits : null;
    }

    private async Task EnsureTeamsAsync(IReadOnlyList<string> brands, DateTime now, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var have = await db.Teams.Where(t => brands.Contains(t.Name)).Select(t => t.Name).ToListAsync(ct);
        foreach (var b in brands.Except(have)) db.Teams.Add(new Team { Name = b, Description = "Brand account on Twitter (imported)", CreatedAtUtc = now });
        await db.SaveChangesAsync(ct);
    }
}
