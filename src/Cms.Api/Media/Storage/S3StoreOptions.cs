namespace Cms.Api.Media.Storage;

/// <summary>Bound from <c>Cms:Media:S3</c>: any S3-compatible store (AWS, Ceph's radosgw, MinIO, R2).</summary>
public sealed class S3StoreOptions
{
    /// <summary>The endpoint, e.g. http://127.0.0.1:7480 for radosgw or MinIO; empty for AWS itself (by Region).</summary>
    public string ServiceUrl { get; set; } = "";

    public string Bucket { get; set; } = "cms-media";

    public string Region { get; set; } = "us-east-1";

    public string AccessKey { get; set; } = "";

    public string SecretKey { get; set; } = "";

    /// <summary>bucket in the path (radosgw, MinIO) rather than the host name (AWS).</summary>
    public bool ForcePathStyle { get; set; } = true;
}
