// Dashboard passwords: argon2id (memory-hard) through @node-rs/argon2, with its defaults
// (19 MiB, 2 passes), the OWASP-recommended floor.
import { hash, verify } from "@node-rs/argon2";

export { MIN_PASSWORD_LENGTH } from "./password-policy";

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when the email is unknown keeps sign-in time the same either way, so
// response time does not reveal which emails have accounts.
let decoy: Promise<string> | undefined;
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoy ??= hashPassword("decoy-password-that-matches-nothing");
  await verifyPassword(await decoy, password);
  return false;
}
