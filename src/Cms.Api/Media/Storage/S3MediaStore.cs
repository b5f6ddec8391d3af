using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Cms.Api.Media.Storage;

/// <summary>Originals in one bucket of an S3-compatible store, which every instance of the service shares.</summary>
internal sealed class S3MediaStore : IMediaStore, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly SemaphoreSlim _bucketGate = new(1, 1);
    private volatile bool _bucketReady;

    public S3MediaStore(S3StoreOptions options)
    {
        _client = ClientFor(options);
        _bucket = options.Bucket;
    }

    /// <summary>A client for the store's endpoint and keys, with the settings S3-compatible servers need.</summary>
    public static AmazonS3Client ClientFor(S3StoreOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            // The 4.x SDK adds CRC checksums (and trailers to chunked uploads) that radosgw and others reject; AWS needs none.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        else
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region;
        }

        return new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    public async Task PutAsync(string key, Stream content, long length, string contentType, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = MediaKey.Checked(key),
            InputStream = content,
            ContentType = contentType,
            // The caller owns the stream and has positioned it; the SDK streams it (signed in chunks when it cannot seek).
            AutoCloseStream = false,
            AutoResetStreamPosition = false,
        };
        request.Headers.ContentLength = length;
        await EnsureBucketAsync(cancellationToken);
        await _client.PutObjectAsync(request, cancellationToken);
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var request = new GetObjectRequest { BucketName = _bucket, Key = MediaKey.Checked(key) };
        await EnsureBucketAsync(cancellationToken);
        try
        {
            return new S3ObjectStream(await _client.GetObjectAsync(request, cancellationToken));
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var request = new DeleteObjectRequest { BucketName = _bucket, Key = MediaKey.Checked(key) };
        await EnsureBucketAsync(cancellationToken);
        // S3 answers 204 whether or not the key was there.
        await _client.DeleteObjectAsync(request, cancellationToken);
    }

    public void Dispose()
    {
        _client.Dispose();
        _bucketGate.Dispose();
    }

    /// <summary>Creates the bucket when it is missing, once per store; a failure is not remembered, the next call tries again.</summary>
    private async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (_bucketReady)
        {
            return;
        }

        await _bucketGate.WaitAsync(cancellationToken);
        try
        {
            if (!_bucketReady && !await BucketExistsAsync(cancellationToken))
            {
                try
                {
                    await _client.PutBucketAsync(new PutBucketRequest { BucketName = _bucket, UseClientRegion = true }, cancellationToken);
                }
                catch (AmazonS3Exception e) when (e.ErrorCode == "BucketAlreadyOwnedByYou")
                {
                    // Another instance created it meanwhile.
                }
            }

            _bucketReady = true;
        }
        finally
        {
            _bucketGate.Release();
        }
    }

    /// <summary>Asked first (HEAD, allowed by s3:ListBucket), so that a key with no right to create buckets works on an existing one.</summary>
    private async Task<bool> BucketExistsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _client.HeadBucketAsync(new HeadBucketRequest { BucketName = _bucket }, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
