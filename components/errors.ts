import * as pulumi from "@pulumi/pulumi";
import { echo } from "../tools/common/echo";

/** OCI's identifiers run to about 255 characters; a value longer than that is cut, its length stated. */
const SHOWN_LIMIT = 256;

/** A setting's value as an error quotes it: escaped, cut past SHOWN_LIMIT, never key material. */
export function shownValue(value: string, quote = true): string {
  return echo(value, { limit: SHOWN_LIMIT, quote });
}

/**
 * A mistake in the stack's settings. It extends RunError so that `pulumi up` prints just the sentence,
 * without the program's stack trace: the user has nothing to debug, only a setting to change.
 */
export class QuickCreateConfigError extends pulumi.RunError {
  constructor(
    /** The configuration key at fault, as the user sets it (`nodeCount`, `oci:region`). */
    readonly key: string,
    message: string,
  ) {
    super(message);
    this.name = "QuickCreateConfigError";
  }
}

/** A region lookup (availability domains, services, versions, images) that found nothing usable. */
export class QuickCreateLookupError extends pulumi.RunError {
  constructor(message: string) {
    super(message);
    this.name = "QuickCreateLookupError";
  }
}

/** A Pulumi CLI older than the engine features the program needs (components/engineSupport.ts). */
export class PulumiCliTooOldError extends pulumi.RunError {
  constructor(message: string) {
    super(message);
    this.name = "PulumiCliTooOldError";
  }
}
