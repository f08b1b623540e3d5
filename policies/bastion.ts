import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { Documented } from "./lib/documented";
import { ANYWHERE, Port, ResourceType, hasRole, nameTemplate, parsePeerCidr } from "./contract";
import { displayNameOf, label, labelOf, ofType } from "./lib/resources";
import { UNKNOWN, readArray, show } from "./lib/values";

/**
 * Bastion policies. Quick Create builds no bastion; the stack's optional one (OCI Bastion, STANDARD)
 * reaches nodes and a private API endpoint through Quick Create's own security lists only because its
 * private endpoint sits in the worker subnet. Both policies read literals (the allow-list, the property
 * dependency of targetSubnetId), so they decide at the first preview of a new stack.
 */

export const bastionClientCidrsOpenToInternet: Documented<ResourceValidationPolicy> = {
  name: "bastion-client-cidrs-open-to-internet",
  description: `No bastion lets ${ANYWHERE} open sessions (clientCidrBlockAllowLists): a session still needs IAM rights and the session key, but an allow-list of your own ranges keeps the bastion's SSH endpoint closed to everyone else.`,
  enforcementLevel: "advisory",
  validateResource: (args, reportViolation) => {
    if (args.type !== ResourceType.Bastion) {
      return;
    }
    const cidrs = readArray(args.props, "clientCidrBlockAllowLists");
    if (cidrs === UNKNOWN) {
      return;
    }
    const open = cidrs.filter((c) => typeof c === "string" && parsePeerCidr(c)?.prefix === 0);
    if (open.length > 0) {
      reportViolation(
        `Bastion ${label(args.name, args.props, "name")} allows sessions from ${open.map((c) => show(c)).join(", ")}, that is from anywhere on the internet. ` +
          `Fix: list only your own address ranges, such as \`pulumi config set --path 'bastionClientCidrs[0]' 203.0.113.0/24\`.`,
      );
    }
  },
  doc: {
    asserts: `No bastion's \`clientCidrBlockAllowLists\` holds a /0 range (${ANYWHERE})`,
    why: "A session still needs IAM rights and the session key, but the bastion's SSH endpoint is then open to the whole internet; list your own ranges",
    spec: "not in Quick Create: the stack's optional bastion",
  },
};

function describeTarget(targets: PolicyResource[]): string {
  if (targets.length === 0) {
    return "a subnet id that does not come from this stack";
  }
  return targets.map((t) => `${t.type === ResourceType.Subnet ? "subnet" : t.type} ${labelOf(t)}`).join(", ");
}

export const bastionTargetsWorkerSubnet: Documented<StackValidationPolicy> = {
  name: "bastion-targets-worker-subnet",
  description: `Every bastion's targetSubnetId is the worker subnet (found by its Quick Create display name): its private endpoint then reaches nodes on ${Port.SSH} and the API endpoint on ${Port.KUBERNETES_API} through the existing Quick Create security lists, with no rule added.`,
  enforcementLevel: "advisory",
  validateStack: (args, reportViolation) => {
    for (const bastion of ofType(args.resources, ResourceType.Bastion)) {
      // Ids are unknown at a first preview; the engine's property dependencies are not.
      const targets = bastion.propertyDependencies?.targetSubnetId ?? [];
      const ok = targets.length > 0 && targets.every((t) => t.type === ResourceType.Subnet && hasRole(displayNameOf(t.props), "workerSubnet"));
      if (!ok) {
        reportViolation(
          `Bastion ${label(bastion.name, bastion.props, "name")} targets ${describeTarget(targets)}, not the worker subnet (${nameTemplate("workerSubnet")}); ` +
            `Quick Create's security lists let only the worker subnet reach nodes on TCP ${Port.SSH} and the API endpoint on TCP ${Port.KUBERNETES_API}, so sessions through it would time out. ` +
            `Fix: set targetSubnetId to the worker subnet's id.`,
          bastion.urn,
        );
      }
    }
  },
  doc: {
    asserts: `Every bastion's \`targetSubnetId\` comes from the \`${nameTemplate("workerSubnet")}\` subnet (read from the engine's property dependency, so the first preview decides)`,
    why: `Quick Create's lists let only the worker subnet reach nodes on TCP ${Port.SSH} and the API endpoint on TCP ${Port.KUBERNETES_API}; from any other subnet sessions time out`,
    spec: "§3.1 row 2, §3.2 row 1",
  },
};

export const bastionResourcePolicies: Documented<ResourceValidationPolicy>[] = [bastionClientCidrsOpenToInternet];
export const bastionStackPolicies: Documented<StackValidationPolicy>[] = [bastionTargetsWorkerSubnet];
