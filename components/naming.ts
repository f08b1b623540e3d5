import { createHash } from "crypto";
import { NAME_SUFFIX_LENGTH } from "../policies/contract";

/**
 * Quick Create draws one random 9-hex-digit id per cluster. A stack must not rename its resources on
 * every run, so when none is configured the id is a hash of what identifies the stack. The names
 * themselves are the contract's (policies/contract/names.ts), shared with the policy pack.
 */
export function deriveNameSuffix(project: string, stack: string, clusterName: string): string {
  return createHash("sha256").update(`${project}/${stack}/${clusterName}`).digest("hex").slice(0, NAME_SUFFIX_LENGTH);
}
