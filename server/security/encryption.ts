// Symmetric encryption for secrets Valara must be able to read back (webhook signing secrets;
// stored idempotent responses that carry a secret): AES-256-GCM with ENCRYPTION_KEY, so that a
// database dump or backup alone reveals none of them.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { loadEnv, type Env } from "../env";
import { ENCRYPTION_KEY_FORMAT, decodeEncryptionKey } from "./encryption-key";

/** `source` names where the key came from, for the error. */
function parseKey(raw: string, source: string): Buffer {
  const key = decodeEncryptionKey(raw);
  if (!key) throw new Error(`${source} ${ENCRYPTION_KEY_FORMAT}`);
  return key;
}

/**
 * ENCRYPTION_KEY, or (embedded database, development) one generated once into DATA_DIR. The
 * variable's format is checked with the rest of the configuration (loadEnv).
 */
export function resolveEncryptionKey(env: Pick<Env, "ENCRYPTION_KEY" | "DATA_DIR">): Buffer {
  if (env.ENCRYPTION_KEY) return parseKey(env.ENCRYPTION_KEY, "ENCRYPTION_KEY");
  const file = path.resolve(env.DATA_DIR, "encryption-key");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, `${randomBytes(32).toString("hex")}\n`, { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process of ours created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return parseKey(fs.readFileSync(file, "utf8").trim(), file);
}

let processKey: Buffer | undefined;

/**
 * This process's key, resolved once (every process of one deployment derives the same one: the
 * variable, or the key file they share).
 */
export function encryptionKey(env: Pick<Env, "ENCRYPTION_KEY" | "DATA_DIR"> = loadEnv()): Buffer {
  processKey ??= resolveEncryptionKey(env);
  return processKey;
}

const VERSION = "v1";

export function encrypt(plaintext: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64"), cipher.getAuthTag().toString("base64"), ciphertext.toString("base64")].join(".");
}

export function decrypt(stored: string, key: Buffer): string {
  const [version, iv, tag, ciphertext] = stored.split(".");
  if (version !== VERSION || !iv || !tag || !ciphertext) throw new Error("not an encrypted value");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64")), decipher.final()]).toString("utf8");
}
