import { DeployedResource } from "../run/deployedPlan";
import { SECRET_MASK, UNKNOWN_MASK } from "../records/masking";
import { PlanInputError } from "../report/errors";
import { checkReadBackInputs, expectField, fieldError, isRecord } from "./deployedFields";
import { echo } from "../../tools/common/echo";

/**
 * `pulumi stack export` (with or without `--show-secrets`), as the Pulumi CLI writes it: an
 * UntypedDeployment `{ version, features?, deployment }` whose deployment is a DeploymentV3
 * `{ manifest, secrets_providers, resources: ResourceV3[], pending_operations? }`
 * (pulumi/pulumi sdk/go/common/apitype/core.go). The CLI writes version 3, and version 4 when the stack
 * uses a feature older CLIs cannot read (`features`: this stack's resource hooks give `["hooks"]`);
 * both hold the same DeploymentV3 (pkg/resource/stack/deployment.go, UnmarshalUntypedDeployment).
 */
export const EXPORT_VERSIONS: readonly number[] = [3, 4];

/** Marker key and values of serialized property values (sdk/go/common/resource/sig). */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
/** What the engine stores for a value not known yet (pkg/resource/stack/deployment.go). */
const COMPUTED_PLACEHOLDER = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const STACK_TYPE = "pulumi:pulumi:Stack";
const PROVIDER_PREFIX = "pulumi:providers:";
/** Inputs the engine adds to every provider's state (pkg/resource/deploy/providers/registry.go), never the program. */
const ENGINE_PROVIDER_INPUTS = ["version", "__internal"];

export interface StackExport {
  stack: string;
  project: string;
  /** The stack's `oci:region`, as its OCI provider was configured; "" if nothing in the state says. */
  region: string;
  resources: DeployedResource[];
}

export function isStackExport(doc: unknown): boolean {
  return isRecord(doc) && ("deployment" in doc || ("version" in doc && !("resources" in doc)));
}

/** `urn:pulumi:<stack>::<project>::<qualified type>::<name>`; a name may itself hold `::`. */
export function parseUrn(urn: string): { stack: string; project: string; qualifiedType: string; name: string } | undefined {
  if (!urn.startsWith("urn:pulumi:")) return undefined;
  const parts = urn.slice("urn:pulumi:".length).split("::");
  if (parts.length < 4 || parts.slice(0, 3).some((p) => !p)) return undefined;
  return { stack: parts[0], project: parts[1], qualifiedType: parts[2], name: parts.slice(3).join("::") };
}

/**
 * A state value as the plan compares it: secrets (encrypted, or in plain text with --show-secrets) are
 * "[secret]" and never read further, a resource reference is the id it stands for, an unknown "[unknown]".
 */
export function fromState(value: unknown): unknown {
  if (value === COMPUTED_PLACEHOLDER) return UNKNOWN_MASK;
  if (Array.isArray(value)) return value.map(fromState);
  if (!isRecord(value)) return value;
  const sig = value[SIG_KEY];
  if (sig === SECRET_SIG) return SECRET_MASK;
  if (sig === RESOURCE_REFERENCE_SIG) return typeof value.id === "string" && value.id ? value.id : value.urn;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromState(v)]));
}

/** Pulumi names the providers it creates itself `default` or `default_<version>`; the program never registers them. */
function isDefaultProvider(type: string, name: string): boolean {
  return type.startsWith(PROVIDER_PREFIX) && (name === "default" || name.startsWith("default_"));
}

function regionOf(resources: ReadonlyArray<Record<string, any>>): string {
  for (const r of resources) {
    if (r.type === `${PROVIDER_PREFIX}oci` && isRecord(r.inputs) && typeof r.inputs.region === "string") return r.inputs.region;
  }
  // The program exports its region; its Stack resource carries the outputs.
  const stack = resources.find((r) => r.type === STACK_TYPE);
  if (stack && isRecord(stack.outputs) && typeof stack.outputs.region === "string") return stack.outputs.region;
  return "";
}

const FIX = "pass the file `pulumi stack export --file FILE` wrote";

/**
 * Refuses a deployed file of another stack or project, naming both: its resources would all be
 * creates and deletes, which says nothing about this stack. `remake` is the command that writes the
 * right file when the project differs.
 */
export function checkSameStack(file: string, found: { stack: string; project: string }, expected: { stack: string; project: string }, remake: string): void {
  if (found.stack === expected.stack && found.project === expected.project) return;
  const shown = echo(file, { quote: false });
  const sameProject = found.project === expected.project;
  throw new PlanInputError(
    `--deployed ${shown} is stack ${echo(found.stack, { quote: false })} of ${echo(found.project, { quote: false })}, not ${expected.stack}${sameProject ? "" : ` of ${expected.project}`}; ` +
      `${sameProject ? `pass --stack ${echo(found.stack, { quote: false })}` : `write one of ${expected.project} (${remake})`}.`,
  );
}

/**
 * Reads a stack export into what is deployed: one entry per resource the program registers (not the
 * Stack resource, not the default providers Pulumi adds, not the old copies a replacement left marked
 * `delete`, not resources only read as `external`), named by its URN. The file must be a stack of `expected.project` and `expected.stack`.
 */
export function readStackExport(file: string, doc: Record<string, unknown>, expected: { stack: string; project: string }): StackExport {
  const shown = echo(file, { quote: false });
  if (typeof doc.version !== "number" || !EXPORT_VERSIONS.includes(doc.version)) {
    throw new PlanInputError(
      `--deployed ${shown} is a stack export of version ${echo(JSON.stringify(doc.version ?? null), { quote: false })}, but Pulumi writes versions ${EXPORT_VERSIONS.join(" and ")}: export it again with a current Pulumi CLI (pulumi stack export --file ${shown}).`,
    );
  }
  // Pulumi always writes the deployment; `null` or none would otherwise read as a stack with nothing in it.
  const deployment = doc.deployment;
  if (!isRecord(deployment)) throw fieldError(file, "deployment", "object", deployment, FIX);
  expectField(file, "deployment.resources", deployment.resources, "object[]", FIX);
  const raw: Array<Record<string, any>> = Array.isArray(deployment.resources) ? deployment.resources : [];
  // Each resource's URN, parsed once.
  const urns = raw.map((r, i) => {
    const where = `deployment.resources[${i}]`;
    const urn = typeof r.urn === "string" ? parseUrn(r.urn) : undefined;
    if (!urn) throw fieldError(file, `${where}.urn`, "a URN (urn:pulumi:STACK::PROJECT::TYPE::NAME)", r.urn, FIX);
    if (typeof r.type !== "string" || !r.type) throw fieldError(file, `${where}.type`, "string", r.type, FIX);
    const urnType = urn.qualifiedType.split("$").pop();
    if (urnType !== r.type) throw fieldError(file, `${where}.type`, `its URN's type ${echo(urnType, { quote: false })}`, r.type, FIX);
    expectField(file, `${where}.id`, r.id, "string", FIX);
    expectField(file, `${where}.inputs`, r.inputs, "object", FIX);
    expectField(file, `${where}.outputs`, r.outputs, "object", FIX);
    expectField(file, `${where}.parent`, r.parent, "string", FIX);
    expectField(file, `${where}.delete`, r.delete, "boolean", FIX);
    expectField(file, `${where}.external`, r.external, "boolean", FIX);
    checkReadBackInputs(file, where, r.type, fromState(r.inputs ?? {}) as Record<string, unknown>, FIX);
    return urn;
  });
  const first = urns[0];
  if (first) checkSameStack(file, first, expected, `pulumi stack export --stack ${expected.stack} --file ${shown}`);
  // One state holds one stack: a resource of another, spliced in, would show as a delete of this one.
  urns.forEach(({ stack, project }, i) => {
    if (stack !== first!.stack || project !== first!.project) {
      throw fieldError(
        file,
        `deployment.resources[${i}].urn`,
        `a URN of stack ${echo(first!.stack, { quote: false })} of ${echo(first!.project, { quote: false })} like the rest`,
        raw[i].urn,
        FIX,
      );
    }
  });
  const live = raw.filter((r) => r.delete !== true);
  const seen = new Set<string>();
  for (const r of live) {
    if (seen.has(r.urn)) {
      throw new PlanInputError(
        `--deployed ${shown} lists ${echo(r.urn, { quote: false, limit: 200 })} twice, so what is deployed there is ambiguous: ${FIX}, unedited.`,
      );
    }
    seen.add(r.urn);
  }
  const resources: DeployedResource[] = [];
  for (const r of live) {
    const { name } = parseUrn(r.urn)!;
    // An external resource was only read (`Resource.get`): Pulumi never deletes it, so it is no delete here either.
    if (r.type === STACK_TYPE || isDefaultProvider(r.type, name) || r.external === true) continue;
    const inputs = fromState(r.inputs ?? {}) as Record<string, unknown>;
    if (r.type.startsWith(PROVIDER_PREFIX)) for (const key of ENGINE_PROVIDER_INPUTS) delete inputs[key];
    resources.push({
      urn: r.urn,
      type: r.type,
      name,
      ...(r.id ? { id: r.id } : {}),
      inputs,
      ...(r.outputs ? { outputs: fromState(r.outputs) as Record<string, unknown> } : {}),
    });
  }
  return { stack: first?.stack ?? expected.stack, project: first?.project ?? expected.project, region: regionOf(live), resources };
}
