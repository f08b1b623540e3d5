import { QuickCreateConfigError } from "./errors";

/**
 * sshPublicKey must be one OpenSSH public key line, `<type> <base64 blob> [comment]`, as
 * `ssh-keygen` writes it to id_*.pub (OpenSSH sshd(8) AUTHORIZED_KEYS FILE FORMAT; the blob is the
 * RFC 4253 §6.6 / RFC 5656 §3.1 / RFC 8709 §4 wire encoding, which starts with the type again).
 */
export const SSH_KEY_TYPES = ["ssh-rsa", "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521"] as const;

const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----|PuTTY-User-Key-File-\d+:/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** What a mistaken value looks like, short enough for a sentence and never more than a public key's start. */
function preview(value: string): string {
  const flat = value.replace(/\s+/g, " ").trim();
  return flat.length > 24 ? `${JSON.stringify(flat.slice(0, 20) + "…")} (${flat.length} characters)` : JSON.stringify(flat);
}

function refuse(value: string, allowed: string): never {
  throw new QuickCreateConfigError("sshPublicKey", `Invalid value ${preview(value)} for sshPublicKey: ${allowed}.`);
}

/** The type named inside the blob: a uint32 length, then that many bytes. */
function embeddedType(blob: Buffer): string | undefined {
  if (blob.length < 4) return undefined;
  const length = blob.readUInt32BE(0);
  if (length === 0 || length > 64 || blob.length < 4 + length) return undefined;
  return blob.subarray(4, 4 + length).toString("latin1");
}

/** Returns the key line trimmed, or throws one sentence; a private key is never echoed back. */
export function checkSshPublicKey(value: string): string {
  if (PRIVATE_KEY.test(value)) {
    throw new QuickCreateConfigError(
      "sshPublicKey",
      "sshPublicKey holds a private key, which must never leave your machine: set it to the public key instead (the one-line contents of the matching .pub file, such as ~/.ssh/id_ed25519.pub), and remove the private key from the stack file and its history.",
    );
  }
  const line = value.trim();
  const types = SSH_KEY_TYPES.join(", ");
  if (/[\r\n]/.test(line)) refuse(value, `use one OpenSSH public key line (${types}), not several lines`);
  const [type, body] = line.split(/[ \t]+/);
  if (!(SSH_KEY_TYPES as readonly string[]).includes(type))
    refuse(value, `use an OpenSSH public key line starting with ${types}, such as the contents of ~/.ssh/id_ed25519.pub`);
  if (!body || !BASE64.test(body) || body.length % 4 !== 0)
    refuse(value, `the ${type} key's second field must be its base64 body, as in the .pub file ssh-keygen writes`);
  const inner = embeddedType(Buffer.from(body, "base64"));
  if (inner !== type)
    refuse(value, `the base64 body is ${inner ? `a ${inner} key` : "not an SSH key"}, not the ${type} key the line names; copy the .pub file unchanged`);
  return line;
}
