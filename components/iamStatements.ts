import { BASTION_TOOL_NEEDS, FAMILIES, HOOK_CALL_NEEDS, INVOKE_NEEDS, OperationNeeds, Permission, RESOURCE_NEEDS, Verb, VERBS } from "./iamPermissions";

/** OCI's policy pages each statement rests on. */
export const IAM_REFERENCES = {
  okePolicyConfig: "https://docs.oracle.com/iaas/Content/ContEng/Concepts/contengpolicyconfig.htm",
  okeVerbs: "https://docs.oracle.com/iaas/Content/Identity/Reference/contengpolicyreference.htm",
  core: "https://docs.oracle.com/iaas/Content/Identity/Reference/corepolicyreference.htm",
  loadBalancing: "https://docs.oracle.com/iaas/Content/Identity/Reference/lbpolicyreference.htm",
  networkLoadBalancer: "https://docs.oracle.com/iaas/Content/NetworkLoadBalancer/Policies/iam-policies.htm",
  bastion: "https://docs.oracle.com/iaas/Content/Bastion/Reference/bastionpolicyreference.htm",
} as const;

/** One statement the group may need, what it is for, and where OCI documents it. */
export interface PolicyStatement extends Permission {
  purpose: string;
  reference: string;
}

/**
 * The statements, in the order they print. Each one is printed only when some call of the run needs a
 * permission it grants: the families OKE's policy page names for Quick Create (it builds the network,
 * so `manage virtual-network-family` rather than the `use subnets`, `use vnics` and `read
 * virtual-network-family` a cluster in an existing network needs), then the hooks' and the bastion's.
 */
export const POLICY_STATEMENTS: readonly PolicyStatement[] = [
  {
    verb: "manage",
    resourceType: "virtual-network-family",
    reference: IAM_REFERENCES.okePolicyConfig,
    purpose: "The network Quick Create builds (VCN, gateways, route tables, security lists, subnets), the VCN read-back and the Oracle Services Network lookup",
  },
  {
    verb: "manage",
    resourceType: "cluster-family",
    reference: IAM_REFERENCES.okePolicyConfig,
    purpose: "The cluster and pool1, the region's Kubernetes versions, node images and shapes, the cluster and pool1 read-back, and the kubeconfig",
  },
  {
    verb: "manage",
    resourceType: "instance-family",
    reference: IAM_REFERENCES.okePolicyConfig,
    purpose: "Node pools: OKE launches, cycles and terminates pool1's instances from the node image with the group's permissions",
  },
  {
    verb: "inspect",
    resourceType: "compartments",
    reference: IAM_REFERENCES.okePolicyConfig,
    purpose: "The compartment and its availability domains",
  },
  {
    verb: "manage",
    resourceType: "load-balancers",
    reference: IAM_REFERENCES.loadBalancing,
    purpose: "Destroy hooks: find and delete this stack's load balancers left in the LB subnet",
  },
  {
    verb: "manage",
    resourceType: "network-load-balancers",
    reference: IAM_REFERENCES.networkLoadBalancer,
    purpose: "Destroy hooks: find and delete this stack's network load balancers left in the LB subnet",
  },
  {
    verb: "read",
    resourceType: "volumes",
    reference: IAM_REFERENCES.core,
    purpose: "Destroy hooks: list the block volumes kept for PersistentVolumeClaims",
  },
  {
    verb: "manage",
    resourceType: "bastion-family",
    reference: IAM_REFERENCES.bastion,
    purpose: "bastion=true: the Bastion, and the sessions oke-bastion opens through it",
  },
];

/** What one run of the program called (and, for hooks and the bastion tool, will call). */
export interface UsedCalls {
  /** Types of the custom resources the program registered. */
  resourceTypes: readonly string[];
  /** Invoke tokens the program (and its kubeconfig fetch) called. */
  invokes: readonly string[];
  /** `client.method` of the destroy hooks' SDK calls, when the program binds the hooks. */
  hookCalls: readonly string[];
  /** The oke-bastion tool's SDK calls, when the stack has a bastion. */
  bastionToolCalls: readonly string[];
}

export interface NeededPermission extends Permission {
  /** The call that needs it, e.g. `oci:Core/vcn:Vcn (CreateVcn, UpdateVcn, DeleteVcn)`. */
  by: string;
}

const rank = (verb: Verb) => VERBS.indexOf(verb);

/** Whether `statement` grants `needed`: the same type or its family, with at least the verb. */
export function grants(statement: Permission, needed: Permission): boolean {
  const type = statement.resourceType === needed.resourceType || (FAMILIES[statement.resourceType] ?? []).includes(needed.resourceType);
  return type && rank(statement.verb) >= rank(needed.verb);
}

function needsOf(kind: string, table: Record<string, OperationNeeds>, calls: readonly string[]): NeededPermission[] {
  return calls.flatMap((call) => {
    const entry = table[call];
    if (!entry) throw new Error(`${kind} ${call} has no entry in components/iamPermissions.ts: add what OCI's policy reference says it needs.`);
    return entry.needs.map((need) => ({ ...need, by: `${call} (${entry.api})` }));
  });
}

/** Every permission the calls need, in call order. */
export function neededPermissions(used: UsedCalls): NeededPermission[] {
  return [
    ...needsOf("Resource type", RESOURCE_NEEDS, used.resourceTypes),
    ...needsOf("Invoke", INVOKE_NEEDS, used.invokes),
    ...needsOf("Destroy hook call", HOOK_CALL_NEEDS, used.hookCalls),
    ...needsOf("oke-bastion call", BASTION_TOOL_NEEDS, used.bastionToolCalls),
  ];
}

/**
 * The statements that grant what the calls need, in POLICY_STATEMENTS order. A needed permission no
 * statement grants is a gap in the table, reported rather than silently left out of the policy.
 */
export function policyStatementsFor(used: UsedCalls): PolicyStatement[] {
  const needed = neededPermissions(used);
  const uncovered = needed.filter((n) => !POLICY_STATEMENTS.some((s) => grants(s, n)));
  if (uncovered.length > 0) {
    throw new Error(
      `No policy statement grants ${uncovered.map((u) => `${u.verb} ${u.resourceType} for ${u.by}`).join("; ")}: add one to components/iamStatements.ts.`,
    );
  }
  return POLICY_STATEMENTS.filter((s) => needed.some((n) => grants(s, n)));
}
