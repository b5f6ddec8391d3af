namespace Cms.Api.Media;

/// <summary>Where <c>fit=cover</c> keeps in view: 0..1 from the left and from the top.</summary>
public sealed record FocalPoint(double X, double Y);

public sealed record MediaCreator(Guid Id, string DisplayName);

/// <summary>A media library item; <c>url</c> serves the picture (with <c>w</c>, <c>h</c>, <c>fit</c>, <c>format</c>, <c>q</c> for renditions).</summary>
public sealed record MediaResponse(
    Guid Id,
    string FileName,
    string ContentType,
    long Bytes,
    int Width,
    int Height,
    string? Alt,
    string? Caption,
    string? Credit,
    FocalPoint? FocalPoint,
    bool Public,
    string Sha256,
    string Url,
    DateTimeOffset CreatedAt,
    MediaCreator? CreatedBy,
    DateTimeOffset UpdatedAt,
    int Version);
