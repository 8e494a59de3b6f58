namespace Touchpoint.Domain.Journeys.Maps;

/// <summary>
/// A journey of this installation. Its definition lives in versions: an edit adds a version and never rewrites an
/// old one, so an analysis can always say which definition it used.
/// </summary>
public sealed class Journey
{
    public long Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The template it started from, if any (shopper, subscriber, ...).</summary>
    public string? TemplateKey { get; set; }

    public int LatestVersion { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>One saved definition of a journey; (JourneyId, Version) is unique and versions count up from 1.</summary>
public sealed class JourneyVersion
{
    public long Id { get; set; }
    public long JourneyId { get; set; }
    public int Version { get; set; }

    /// <summary>The <see cref="JourneyDefinition"/> as JSON (stages, touchpoints, owners, targets).</summary>
    public string DefinitionJson { get; set; } = "{}";

    /// <summary>Who saved it: a user's email or an API key's name.</summary>
    public string SavedBy { get; set; } = "";
    public DateTime SavedAtUtc { get; set; }
}
