namespace Cms.Api.Media;

/// <summary>An upload's parts: <c>file</c>, the picture, and optional <c>alt</c>, <c>caption</c> and <c>credit</c>.</summary>
// Only describes the form; the handler reads the parts from the stream itself (MultipartUpload).
public sealed record MediaUploadForm(IFormFile File, string? Alt = null, string? Caption = null, string? Credit = null);
