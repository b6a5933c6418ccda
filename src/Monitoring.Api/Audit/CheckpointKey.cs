using System.Security.Cryptography;
using System.Text;
using Monitoring.Api.Infrastructure;

namespace Monitoring.Api.Audit;

/// <summary>
/// The service's checkpoint key: ECDSA P-256, so that anyone holding the published public key can check a checkpoint
/// without any secret. <c>Audit:CheckpointKey</c> is a PEM private key (PKCS#8 or "EC PRIVATE KEY"); without it the key
/// is derived from the seal key (and so from <c>Auth:SigningKey</c>), which keeps it stable across restarts and nodes,
/// and the service refuses to start when neither is set, exactly like the seal key.
/// </summary>
public sealed class CheckpointKey
{
    public const string Setting = "Audit:CheckpointKey";
    public const string Algorithm = "ECDSA P-256 with SHA-256; signature DER-encoded (RFC 3279), base64";

    private readonly ECDsa _key;

    /// <summary>"sha256:" and the SHA-256 of the public key's DER (SubjectPublicKeyInfo): <c>openssl pkey -pubin -outform DER | sha256sum</c>.</summary>
    public string KeyId { get; }
    public string PublicKeyPem { get; }

    private CheckpointKey(ECDsa key)
    {
        _key = key;
        KeyId = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
        PublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
    }

    public static CheckpointKey Resolve(IConfiguration configuration)
    {
        var pem = configuration[Setting];
        if (!string.IsNullOrWhiteSpace(pem))
        {
            var key = ECDsa.Create();
            try
            {
                key.ImportFromPem(pem.Replace("\\n", "\n"));
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException)
            {
                throw new StartupConfigurationException(
                    $"{Setting} (env Audit__CheckpointKey) is not a PEM EC private key: create one with `openssl ecparam -name prime256v1 -genkey -noout`.");
            }
            if (key.KeySize != 256 || key.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
                throw new StartupConfigurationException($"{Setting} must be a P-256 (prime256v1) key.");
            return new CheckpointKey(key);
        }
        return new CheckpointKey(Derive(AuditOptions.ResolveKey(configuration)));
    }

    private static ECDsa Derive(byte[] seed)
    {
        var material = SHA256.HashData([.. Encoding.UTF8.GetBytes("monitoring-checkpoint-key\n"), .. seed]);
        // A scalar outside the curve's order (odds about 2^-32) is hashed again.
        while (true)
        {
            try
            {
                return ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = material });
            }
            catch (CryptographicException)
            {
                material = SHA256.HashData(material);
            }
        }
    }

    public string Sign(string text) =>
        Convert.ToBase64String(_key.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    public bool Verifies(string text, string signature)
    {
        var bytes = new byte[signature.Length];
        return Convert.TryFromBase64String(signature, bytes, out var length)
               && _key.VerifyData(Encoding.UTF8.GetBytes(text), bytes.AsSpan(0, length), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }
}
