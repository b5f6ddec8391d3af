using FluentValidation;

namespace Cms.Api.Infrastructure.Validation;

public static class TextRules
{
    /// <summary>
    /// Text readers see also goes into XML (feeds, sitemaps), which cannot hold control characters but tab and line
    /// breaks; one pasted from a word processor would break every feed it lands in.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> NoControlCharacters<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => text is null || !text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
            .WithMessage("Remove control characters (only tab and line breaks may be in text).");
}
