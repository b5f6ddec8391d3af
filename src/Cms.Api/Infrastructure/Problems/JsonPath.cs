using System.Text;

namespace Cms.Api.Infrastructure.Problems;

/// <summary>Turns paths from System.Text.Json ("$.authors[0].name") and FluentValidation ("Authors[0].Name") into the contract's camelCase field path.</summary>
public static class JsonPath
{
    public static string ToFieldPath(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "";
        }

        var trimmed = path.StartsWith('$') ? path[1..].TrimStart('.') : path;
        var result = new StringBuilder(trimmed.Length);
        var startOfName = true;
        foreach (var c in trimmed)
        {
            result.Append(startOfName ? char.ToLowerInvariant(c) : c);
            startOfName = c is '.' or ']';
        }

        return result.ToString();
    }
}
