// A self-signed X.509 certificate made at test time (RSA key from node:crypto, certificate from
// node-forge): the TLS certificate of the local HTTPS stand-ins (Cosmos DB emulator, Entra), which a
// child process trusts through NODE_EXTRA_CA_CERTS, and the `x5c` of the fake Bot Framework keys.
import { createHash, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

export interface SelfSignedCertificate {
  /** PEM certificate: the server certificate and, being self-signed, its own trust anchor. */
  certPem: string;
  /** PKCS#8 PEM private key. */
  keyPem: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Base64 DER, as a JWK's `x5c` entry carries it. */
  derBase64: string;
  /** Base64url SHA-1 thumbprint of the DER, as a JWK's `x5t` (and Bot Framework's `kid`). */
  thumbprint: string;
}

/** A certificate for `commonName`, valid for the loopback names (127.0.0.1, ::1, localhost) for a day. */
export function selfSignedCertificate(commonName = 'localhost'): SelfSignedCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  // A positive serial number (the high bit cleared).
  cert.serialNumber = `0${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  const name = [{ name: 'commonName', value: commonName }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'localhost' },
        { type: 7, ip: '127.0.0.1' },
        { type: 7, ip: '::1' },
      ],
    },
  ]);
  cert.sign(
    forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()),
    forge.md.sha256.create(),
  );
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  return {
    certPem: forge.pki.certificateToPem(cert),
    keyPem,
    privateKey,
    publicKey,
    derBase64: der.toString('base64'),
    thumbprint: createHash('sha1').update(der).digest('base64url'),
  };
}
