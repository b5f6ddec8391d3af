using System.Security.Cryptography;
using System.Text;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Cms.Api.Media;

/// <summary>
/// A <c>multipart/form-data</c> upload read as it arrives: the <c>file</c> part streamed to a temporary file while its
/// SHA-256 and length are taken (never the whole file in memory), the small text parts kept. The file goes with it.
/// </summary>
internal sealed class MultipartUpload : IDisposable
{
    public const string FilePart = "file";
    private const int MaxFieldLength = 4096;

    private MultipartUpload(string path) => TempPath = path;

    public string TempPath { get; }

    public string? FileName { get; private set; }

    public long Length { get; private set; }

    public string Sha256 { get; private set; } = "";

    public Dictionary<string, string> Fields { get; } = new(StringComparer.OrdinalIgnoreCase);

    public void Dispose() => File.Delete(TempPath);

    public static async Task<(MultipartUpload? Upload, IResult? Refusal)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            return (null, Problem.Of(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType, "Unsupported Media Type",
                $"Send multipart/form-data with the picture in the part '{FilePart}'."));
        }

        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "cms-uploads")).FullName;
        var upload = new MultipartUpload(Path.Combine(folder, Guid.NewGuid().ToString("N")));
        try
        {
            var reader = new MultipartReader(boundary, request.Body);
            var found = false;
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (name == FilePart && found)
                {
                    upload.Dispose();
                    return (null, Problem.Validation(new Dictionary<string, string[]> { [FilePart] = ["Send one picture per upload: one part 'file'."] }));
                }

                if (name == FilePart)
                {
                    found = true;
                    upload.FileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                    if (!await upload.CopyFileAsync(section.Body, maxBytes, cancellationToken))
                    {
                        upload.Dispose();
                        return (null, Problem.Of(StatusCodes.Status413PayloadTooLarge, ProblemCodes.PayloadTooLarge, "Payload too large",
                            $"Pictures are limited to {maxBytes:N0} bytes."));
                    }
                }
                else if (await ReadFieldAsync(section.Body, cancellationToken) is { } value)
                {
                    upload.Fields[name] = value;
                }
                else
                {
                    upload.Dispose();
                    return (null, Problem.Validation(new Dictionary<string, string[]> { [name] = [$"At most {MaxFieldLength} bytes."] }));
                }
            }

            if (!found)
            {
                upload.Dispose();
                return (null, Problem.Validation(new Dictionary<string, string[]> { [FilePart] = [$"Send the picture in the part '{FilePart}'."] }));
            }

            return (upload, null);
        }
        catch (Exception e) when (e is InvalidDataException
            || (e is IOException and not BadHttpRequestException && !cancellationToken.IsCancellationRequested))
        {
            // A body that ends inside a part, a boundary that never comes, headers past the reader's limits. (The server's own
            // refusals, a body over its limit or too slow, stay theirs: 413, 408.)
            upload.Dispose();
            return (null, Problem.Of(StatusCodes.Status400BadRequest, ProblemCodes.MalformedMultipart, "Malformed multipart body",
                "The multipart/form-data body could not be read to its end: " + e.Message));
        }
        catch
        {
            upload.Dispose();
            throw;
        }
    }

    private async Task<bool> CopyFileAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var file = new FileStream(TempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            Length += read;
            if (Length > maxBytes)
            {
                return false;
            }

            hash.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        return true;
    }

    private static async Task<string?> ReadFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxFieldLength + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return length > MaxFieldLength ? null : Encoding.UTF8.GetString(buffer, 0, length);
    }
}
