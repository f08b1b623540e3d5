import { PolicyStatement } from "../../components/iamStatements";
import { PlanInputError } from "./errors";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { echo } = require("../../tools/common/echo") as { echo: (value: unknown) => string };

/** A name as IAM policies write it bare; anything else goes in single quotes. */
const BARE_NAME = /^[A-Za-z0-9._-]+$/;
/** What a quoted name may hold: printable, no quote of either kind (policy syntax has no escape). */
// eslint-disable-next-line no-control-regex -- control characters are what this pattern is for
const QUOTABLE_NAME = /^[^'"\u0000-\u001f\u007f]{1,100}$/;
const GROUP_OCID = /^ocid1\.group\.[a-z0-9._-]+$/i;

/**
 * `--iam GROUP` as a policy names it: `MyGroup`, `'Domain'/'Group Name'` for a group of an identity
 * domain (given as `Domain/Group Name`), or `id ocid1.group...` for a group's OCID.
 */
export function policyGroup(value: string): string {
  if (GROUP_OCID.test(value)) return `id ${value}`;
  const parts = value.split("/");
  if (parts.length <= 2 && parts.every((part) => QUOTABLE_NAME.test(part) && part.trim() === part && part !== "")) {
    if (parts.length === 2) return parts.map((part) => `'${part}'`).join("/");
    return BARE_NAME.test(value) ? value : `'${value}'`;
  }
  throw new PlanInputError(
    `--iam ${echo(value)} is not a group name: give the group's name (OKEAdmins), its identity domain and name (Default/OKEAdmins) or its OCID (ocid1.group.oc1..…), without quotes.`,
  );
}

/** Where the statements apply: a compartment by OCID, or the root compartment as `tenancy`. */
export function policyLocation(compartmentId: string): string {
  return compartmentId.startsWith("ocid1.tenancy.") ? "tenancy" : `compartment id ${compartmentId}`;
}

/**
 * The policy, one `Allow` statement per line, each after a `#` line saying what it is for and where
 * OCI documents it: nothing else, so it can go straight to a file (or, without the comments, to
 * `oci iam policy create --statements`).
 */
export function renderIamPolicy(group: string, compartmentId: string, statements: readonly PolicyStatement[]): string {
  const subject = policyGroup(group);
  const location = policyLocation(compartmentId);
  return statements.map((s) => `# ${s.purpose} (${s.reference})\nAllow group ${subject} to ${s.verb} ${s.resourceType} in ${location}\n`).join("");
}
