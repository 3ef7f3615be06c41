// The audit signing key (Ed25519): loaded from a PEM file, or generated once into the data dir (0600); its id is a fingerprint.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** `ed25519:` + the first 32 hex digits of SHA-256 over the public key (SPKI DER). */
  keyId: string;
  /** The public half as PEM (SPKI), for `warden audit public-key` and for verifiers elsewhere. */
  publicPem: string;
  /** Where the private key came from. */
  path: string;
}

export interface SigningKeyOptions {
  /** WARDEN_AUDIT_SIGNING_KEY_FILE: a PKCS#8 PEM Ed25519 private key. */
  keyFile?: string;
  /** Where a generated key lives when no file is configured. */
  dataDir: string;
  /** Generate the key when there is none (default true; verify only reads). */
  create?: boolean;
}

/** Fingerprint of a public key: what checkpoints name as `keyId`. */
export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return `ed25519:${createHash('sha256').update(der).digest('hex').slice(0, 32)}`;
}

/** Reads a public key from PEM (SPKI) or from a private key PEM (its public half). */
export function publicKeyFromPem(pem: string): KeyObject {
  return pem.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem);
}

const describe = (privateKey: KeyObject, path: string): SigningKey => {
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new Error(
      `the audit signing key in ${path} is ${privateKey.asymmetricKeyType ?? 'not an asymmetric key'}; it must be Ed25519`,
    );
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    keyId: keyIdOf(publicKey),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    path,
  };
};

/**
 * The configured key, or `<dataDir>/audit-signing-key.pem`, created on first use with mode 0600. Two processes
 * starting at once agree on one key: the file is created exclusively and the loser reads the winner's.
 */
export function loadSigningKey({ keyFile, dataDir, create = true }: SigningKeyOptions): SigningKey {
  if (keyFile) return describe(createPrivateKey(readFileSync(keyFile, 'utf8')), keyFile);
  const path = join(dataDir, 'audit-signing-key.pem');
  try {
    return describe(createPrivateKey(readFileSync(path, 'utf8')), path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    if (!create)
      throw new Error(
        `there is no audit signing key at ${path} (set WARDEN_AUDIT_SIGNING_KEY_FILE, or pass the public key)`,
      );
  }
  const { privateKey } = generateKeyPairSync('ed25519');
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return describe(createPrivateKey(readFileSync(path, 'utf8')), path);
}
