import { PolicyConfigSchema, PolicyResource, ReportViolation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { Documented } from "./lib/documented";
import { configWithDefaults } from "./lib/config";
import {
  ANYWHERE,
  ENDPOINT_RULES,
  NameRole,
  Port,
  PeerType,
  Protocol,
  ResourceType,
  RulePeer,
  SECURITY_LIST_TYPES,
  SecurityRuleRow,
  WORKER_RULES,
  hasRole,
  nameTemplate,
  registrationRules,
} from "./contract";
import { labelOf, label, withRole } from "./lib/resources";
import { RequiredRule, allowsFromAnywhere, describeRequired, isAllowed, rulesOf } from "./lib/securityRules";
import { UNKNOWN, read, show } from "./lib/values";

/**
 * Security list policies (spec §3). The registration rules are the ones whose absence leaves a cluster
 * ACTIVE with no node ever Ready; the rest are what a reviewer would flag on the lists.
 */

/** The peers a rule row names by role, as this stack's literal CIDRs. */
interface SubnetCidrs {
  workerSubnet: string;
  endpointSubnet: string;
}

/** What a list must allow for nodes to register: its contract rows marked `registration`, peers made concrete. */
export function registrationRequirements(table: readonly SecurityRuleRow[], cidrs: SubnetCidrs): RequiredRule[] {
  return registrationRules(table).map((row) => ({
    direction: row.direction,
    peer: row.peer === "oracleServices" ? { osn: true } : { cidr: row.peer === "anywhere" ? ANYWHERE : cidrs[row.peer] },
    protocol: row.protocol,
    ...(row.port !== undefined ? { port: row.port } : {}),
    ...(row.icmp ? { icmp: { ...row.icmp } } : {}),
    description: row.description,
  }));
}

/** Spec §3.1: what the endpoint list must allow for nodes to register (the 0.0.0.0/0 6443 rule is optional). */
export function endpointListRequirements(workerCidr: string, endpointCidr: string): RequiredRule[] {
  return registrationRequirements(ENDPOINT_RULES, { workerSubnet: workerCidr, endpointSubnet: endpointCidr });
}

/** Spec §3.2: what the worker list must allow (SSH and internet egress are not needed to register). */
export function workerListRequirements(workerCidr: string, endpointCidr: string): RequiredRule[] {
  return registrationRequirements(WORKER_RULES, { workerSubnet: workerCidr, endpointSubnet: endpointCidr });
}

const PEER_WORDS: Record<RulePeer, string> = {
  workerSubnet: "the worker CIDR",
  endpointSubnet: "the endpoint CIDR",
  oracleServices: "OSN",
  anywhere: ANYWHERE,
};

function trafficOf(row: SecurityRuleRow): string {
  if (row.protocol === Protocol.ALL) return "all protocols";
  if (row.protocol === Protocol.ICMP) return `ICMP ${row.icmp?.type}/${row.icmp?.code}`;
  return row.port === undefined ? "all TCP" : `TCP ${row.port}`;
}

/** Rule rows in a sentence, grouped by direction and peer: "in TCP 6443, ICMP 3/4 from the worker CIDR; out TCP 443 to OSN". */
export function describeRows(rows: readonly SecurityRuleRow[]): string {
  const groups = new Map<string, { row: SecurityRuleRow; traffic: string[] }>();
  for (const row of rows) {
    const key = `${row.direction} ${row.peer}`;
    const group = groups.get(key) ?? { row, traffic: [] };
    group.traffic.push(trafficOf(row));
    groups.set(key, group);
  }
  return [...groups.values()]
    .map(
      ({ row, traffic }) =>
        `${row.direction === "ingress" ? "in" : "out"} ${traffic.join(", ")} ${row.direction === "ingress" ? "from" : "to"} ${PEER_WORDS[row.peer]}`,
    )
    .join("; ");
}

/** The one literal CIDR of the subnet with `role`, or a reason why there is none. */
function subnetCidr(resources: PolicyResource[], role: NameRole): { cidr: string } | { problem: string } {
  const subnets = withRole(resources, role, ResourceType.Subnet);
  if (subnets.length !== 1) {
    return { problem: `the stack has ${subnets.length} subnets named like ${nameTemplate(role)} (expected exactly 1)` };
  }
  const cidr = read(subnets[0].props, "cidrBlock");
  if (typeof cidr !== "string") {
    return { problem: `subnet ${labelOf(subnets[0])} has cidrBlock ${show(cidr)} (it must be a literal CIDR)` };
  }
  return { cidr };
}

function checkList(resources: PolicyResource[], role: NameRole, requirements: RequiredRule[], reportViolation: ReportViolation): void {
  const lists = withRole(resources, role, ...SECURITY_LIST_TYPES);
  if (lists.length === 0) {
    reportViolation(
      `No security list is named like ${nameTemplate(role)}, so the rules nodes need to register cannot be found. ` +
        `Fix: create the list of spec §3 with that display name and attach it to its subnet.`,
    );
    return;
  }
  for (const list of lists) {
    const rules = rulesOf(list.props);
    if (rules === UNKNOWN) {
      reportViolation(
        `Security list ${labelOf(list)} has ingressSecurityRules or egressSecurityRules ${show(UNKNOWN)}; registration rules must be literal so they can be checked before deployment. ` +
          `Fix: build the rule arrays from literal objects (only peers that come from lookups may be computed).`,
        list.urn,
      );
      continue;
    }
    for (const required of requirements) {
      if (!isAllowed(rules, required)) {
        reportViolation(
          `Security list ${labelOf(list)} does not allow ${describeRequired(required)}; without it nodes never register with the control plane ` +
            `("node register timeout": the cluster is ACTIVE and no node becomes Ready). Fix: add a stateful ${required.direction} rule for it (spec §3).`,
          list.urn,
        );
      }
    }
  }
}

export const nodeRegistrationSecurityRules: Documented<StackValidationPolicy> = {
  name: "node-registration-security-rules",
  description: `The worker and endpoint security lists allow the traffic nodes need to register (spec §3): ${Port.KUBERNETES_API} and ${Port.OKE_CONTROL_PLANE} from workers to the endpoint, all TCP from the endpoint to workers, all traffic between workers, ${Port.HTTPS} to the Oracle Services Network and path-discovery ICMP, with peers matching the subnets' CIDRs.`,
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const worker = subnetCidr(args.resources, "workerSubnet");
    const endpoint = subnetCidr(args.resources, "endpointSubnet");
    for (const found of [worker, endpoint]) {
      if ("problem" in found) {
        reportViolation(
          `Cannot check the node registration rules: ${found.problem}. Fix: name the worker and endpoint subnets as Quick Create does and give them literal cidrBlocks.`,
        );
      }
    }
    if ("problem" in worker || "problem" in endpoint) {
      return;
    }
    checkList(args.resources, "endpointSecurityList", endpointListRequirements(worker.cidr, endpoint.cidr), reportViolation);
    checkList(args.resources, "workerSecurityList", workerListRequirements(worker.cidr, endpoint.cidr), reportViolation);
  },
  doc: {
    asserts: `The endpoint list allows: ${describeRows(registrationRules(ENDPOINT_RULES))}. The worker list allows: ${describeRows(registrationRules(WORKER_RULES))}. Peers must be *exactly* the CIDRs of the subnets found by display name; only stateful rules count; \`all\` protocol and port ranges containing the port count; OSN means \`destinationType ${PeerType.SERVICE}\` with an \`all-<key>-services-in-oracle-services-network\` label (or an unknown label)`,
    why: `Missing ${Port.KUBERNETES_API}/${Port.OKE_CONTROL_PLANE} is the usual "node register timeout". A wider peer (${ANYWHERE}) is not accepted: registration that works only through the public ${Port.KUBERNETES_API} rule breaks when someone narrows it, which \`api-endpoint-open-to-internet\` recommends`,
    spec: "§3.1, §3.2",
  },
};

export const apiEndpointOpenToInternet: Documented<ResourceValidationPolicy> = {
  name: "api-endpoint-open-to-internet",
  description: `Flags an endpoint security list that lets ${ANYWHERE} reach the Kubernetes API on ${Port.KUBERNETES_API}: Quick Create does this for a public endpoint, but narrowing the source to known networks removes the API from the internet's attack surface.`,
  enforcementLevel: "advisory",
  validateResource: (args, reportViolation) => {
    if (!SECURITY_LIST_TYPES.includes(args.type) || !hasRole(read(args.props, "displayName"), "endpointSecurityList")) {
      return;
    }
    const rules = rulesOf(args.props);
    if (rules === UNKNOWN) {
      return;
    }
    const open = allowsFromAnywhere(rules, Port.KUBERNETES_API);
    if (open) {
      reportViolation(
        `Endpoint security list ${label(args.name, args.props)} ingress rule #${open.index} allows ${ANYWHERE} to the Kubernetes API (TCP ${Port.KUBERNETES_API}). ` +
          `Fix: replace ${ANYWHERE} with the CIDRs of the networks that administer the cluster, or make the endpoint private.`,
      );
    }
  },
  doc: {
    asserts: `The endpoint list has no ingress from ${ANYWHERE} covering ${Port.KUBERNETES_API}`,
    why: "It is Quick Create's public-endpoint rule, but it exposes the API to the internet",
    spec: "§3.1 row 1",
  },
};

const sshSchema: PolicyConfigSchema = {
  properties: {
    flagPrivateWorkers: {
      type: "boolean",
      default: false,
      description: `Also flag SSH from ${ANYWHERE} on private workers (unreachable from the internet, but open to every peered or on-premises network).`,
    },
  },
};

export const sshOpenToInternet: Documented<StackValidationPolicy> = {
  name: "ssh-open-to-internet",
  description: `Flags a worker security list that allows SSH (TCP ${Port.SSH}) from ${ANYWHERE} when the worker subnet is public; on private workers the rule (Quick Create's default) is only reported if configured, since no internet traffic can reach them.`,
  enforcementLevel: "advisory",
  configSchema: sshSchema,
  validateStack: (args, reportViolation) => {
    const { flagPrivateWorkers } = configWithDefaults<{ flagPrivateWorkers: boolean }>(sshSchema, args.getConfig());
    const workerSubnets = withRole(args.resources, "workerSubnet", ResourceType.Subnet);
    const publicWorkers = workerSubnets.some((s) => read(s.props, "prohibitPublicIpOnVnic") !== true);
    if (!publicWorkers && !flagPrivateWorkers) {
      return;
    }
    for (const list of withRole(args.resources, "workerSecurityList", ...SECURITY_LIST_TYPES)) {
      const rules = rulesOf(list.props);
      const open = rules === UNKNOWN ? undefined : allowsFromAnywhere(rules, Port.SSH);
      if (open) {
        const where = publicWorkers
          ? "the worker subnet allows public IPs, so every node is reachable"
          : "the workers are private, but every peered network can reach them";
        reportViolation(
          `Worker security list ${labelOf(list)} ingress rule #${open.index} allows SSH (TCP ${Port.SSH}) from ${ANYWHERE} and ${where}. ` +
            `Fix: restrict the source to a bastion's CIDR or remove the rule (OCI Bastion needs no inbound rule from the internet).`,
          list.urn,
        );
      }
    }
  },
  doc: {
    asserts: `No worker-list ingress from ${ANYWHERE} covering ${Port.SSH} when the worker subnet is public; on private workers only if \`flagPrivateWorkers\``,
    why: "Private workers cannot be reached from the internet (`prohibitInternetIngress`), so by default the Quick Create rule is not flagged there; it still opens them to peered/on-prem networks, hence the switch",
    spec: "§3.2 row 4",
  },
};

export const loadBalancerSecurityListEmpty: Documented<ResourceValidationPolicy> = {
  name: "load-balancer-security-list-empty",
  description:
    "Flags rules in the load-balancer security list: Quick Create empties the VCN's default list and lets the OCI cloud controller manager add one rule per LoadBalancer Service.",
  enforcementLevel: "advisory",
  validateResource: (args, reportViolation) => {
    if (!SECURITY_LIST_TYPES.includes(args.type) || !hasRole(read(args.props, "displayName"), "lbSecurityList")) {
      return;
    }
    const rules = rulesOf(args.props);
    const count = rules === UNKNOWN ? show(UNKNOWN) : String(rules.length);
    if (rules === UNKNOWN || rules.length > 0) {
      reportViolation(
        `Load-balancer security list ${label(args.name, args.props)} declares ${count} rule(s); the default list keeps OCI's SSH/ICMP defaults unless emptied. ` +
          `Fix: set ingressSecurityRules and egressSecurityRules to [] as Quick Create does.`,
      );
    }
  },
  doc: {
    asserts: `The \`${nameTemplate("lbSecurityList")}\` list declares no rules`,
    why: "Quick Create empties the default list; the CCM adds rules per Service",
    spec: "§2 LB security list",
  },
};

export const securityRulesStateful: Documented<ResourceValidationPolicy> = {
  name: "security-rules-stateful",
  description:
    "Flags stateless security rules: every Quick Create rule is stateful, and a stateless rule silently drops replies unless a mirror rule exists in the other direction.",
  enforcementLevel: "advisory",
  validateResource: (args, reportViolation) => {
    if (!SECURITY_LIST_TYPES.includes(args.type)) {
      return;
    }
    const rules = rulesOf(args.props);
    if (rules === UNKNOWN) {
      return;
    }
    for (const rule of rules.filter((r) => r.stateless === true)) {
      reportViolation(
        `Security list ${label(args.name, args.props)} ${rule.direction} rule #${rule.index} (peer ${show(rule.peer)}, protocol ${show(rule.protocol)}) is stateless. ` +
          `Fix: set stateless: false, or add the mirror rule for the replies.`,
      );
    }
  },
  doc: {
    asserts: "No rule in any security list is `stateless: true`",
    why: "All Quick Create rules are stateful; a stateless rule drops replies without a mirror rule",
    spec: "§3",
  },
};

/**
 * Rule lists the cloud controller manager edits for each LoadBalancer Service (spec §3.3, management mode
 * "All"): the LB list's listener ingress and backend egress, and the worker list's ingress from the load
 * balancers. The worker list's egress stays the stack's to manage.
 */
const CCM_MANAGED_FIELDS: Record<"workerSecurityList" | "lbSecurityList", string[]> = {
  workerSecurityList: ["ingressSecurityRules"],
  lbSecurityList: ["ingressSecurityRules", "egressSecurityRules"],
};

export const ccmManagedListsIgnoreRuleChanges: Documented<ResourceValidationPolicy> = {
  name: "ccm-managed-lists-ignore-rule-changes",
  description:
    "Flags a worker security list without ignoreChanges on its ingress rules, or a load-balancer security list without it on both rule lists: the OCI cloud controller manager adds rules there for each LoadBalancer Service, and the next update would delete them (spec §3.3).",
  enforcementLevel: "advisory",
  validateResource: (args, reportViolation) => {
    if (!SECURITY_LIST_TYPES.includes(args.type)) {
      return;
    }
    const name = read(args.props, "displayName");
    const role = hasRole(name, "workerSecurityList") ? "workerSecurityList" : hasRole(name, "lbSecurityList") ? "lbSecurityList" : undefined;
    if (!role) {
      return;
    }
    const ignored = args.opts.ignoreChanges ?? [];
    const missing = CCM_MANAGED_FIELDS[role].filter((field) => !ignored.some((path) => path === field || path.startsWith(`${field}[`)));
    if (missing.length > 0) {
      reportViolation(
        `Security list ${label(args.name, args.props)} does not ignore changes to ${missing.join(" and ")} (ignoreChanges is ${show(ignored)}); ` +
          `an update after the first LoadBalancer Service deletes the rules the cloud controller manager added and breaks the load balancer. ` +
          `Fix: add { ignoreChanges: ${JSON.stringify(missing)} } to the resource options, and change these rules deliberately (e.g. with a replace).`,
      );
    }
  },
  doc: {
    asserts: "The worker and LB lists have `ignoreChanges` on `ingressSecurityRules` and `egressSecurityRules`",
    why: "The cloud controller manager adds rules there; the next update deletes them and breaks load balancers",
    spec: "§3.3",
  },
};

export const securityListResourcePolicies: Documented<ResourceValidationPolicy>[] = [
  apiEndpointOpenToInternet,
  loadBalancerSecurityListEmpty,
  securityRulesStateful,
  ccmManagedListsIgnoreRuleChanges,
];
export const securityListStackPolicies: Documented<StackValidationPolicy>[] = [nodeRegistrationSecurityRules, sshOpenToInternet];
