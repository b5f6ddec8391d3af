namespace Cms.Api.Media.Renditions;

/// <summary>The query of a file request (w, h, fit, format, q, preset) checked against the contract's limits.</summary>
public static class RenditionQuery
{
    public const int MaxSide = 4096;

    public static readonly string[] Fits = ["inside", "cover", "contain"];

    public static readonly string[] Formats = ["auto", "jpeg", "png", "webp", "avif"];

    /// <summary>The request, or the errors by parameter name (never both).</summary>
    public static (RenditionRequest? Request, Dictionary<string, string[]> Errors) Parse(
        int? w, int? h, string? fit, string? format, int? q, string? preset, bool presetsOnly, IReadOnlyDictionary<string, RenditionPreset> presets)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (presetsOnly)
        {
            var names = presets.Count == 0 ? "none are configured" : "preset=" + string.Join(" or ", presets.Keys.Order(StringComparer.Ordinal));
            foreach (var (name, given) in new[] { ("w", w is not null), ("h", h is not null), ("fit", fit is not null), ("q", q is not null) })
            {
                if (given)
                {
                    errors[name] = [$"Anonymous readers get named presets only: {names}."];
                }
            }
        }

        if (preset is not null)
        {
            if (presets.TryGetValue(preset, out var named))
            {
                (w, h, fit, format, q) = (w ?? named.W, h ?? named.H, fit ?? named.Fit, format ?? named.Format, q ?? named.Q);
            }
            else
            {
                errors["preset"] = [presets.Count == 0 ? "No presets are configured." : "Unknown preset; known: " + string.Join(", ", presets.Keys.Order(StringComparer.Ordinal)) + "."];
            }
        }

        Check(errors, "w", w is null or (>= 1 and <= MaxSide), $"Must be a whole number from 1 to {MaxSide}.");
        Check(errors, "h", h is null or (>= 1 and <= MaxSide), $"Must be a whole number from 1 to {MaxSide}.");
        Check(errors, "q", q is null or (>= 1 and <= 100), "Must be a whole number from 1 to 100.");
        var fitValue = OneOf(errors, "fit", fit, Fits);
        var formatValue = OneOf(errors, "format", format, Formats);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var parsedFit = fitValue is null ? RenditionFit.Inside : Enum.Parse<RenditionFit>(fitValue, ignoreCase: true);
        RenditionFormat? parsedFormat = formatValue is null or "auto" ? null : Enum.Parse<RenditionFormat>(formatValue, ignoreCase: true);
        return (new RenditionRequest(w, h, parsedFit, parsedFormat, q), errors);
    }

    private static void Check(Dictionary<string, string[]> errors, string name, bool valid, string message)
    {
        if (!valid)
        {
            errors[name] = [message];
        }
    }

    /// <summary>The value lower-cased when it is one of <paramref name="values"/>; an error listing them otherwise.</summary>
    private static string? OneOf(Dictionary<string, string[]> errors, string name, string? value, string[] values)
    {
        if (value is null)
        {
            return null;
        }

        var lower = value.ToLowerInvariant();
        if (values.Contains(lower))
        {
            return lower;
        }

        errors[name] = [$"Must be one of: {string.Join(", ", values)}."];
        return null;
    }
}
