import { PolicyConfigSchema, PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { Documented } from "./lib/documented";
import { configWithDefaults } from "./lib/config";
import { NAME_SUFFIX_LENGTH, NODE_POOL_NAME, NameRole, ResourceType, nameTemplate, parseQuickCreateName, vcnDnsLabel } from "./contract";
import { label, labelOf } from "./lib/resources";
import { read, show } from "./lib/values";

/**
 * Naming (spec §2): every network resource's display name follows the Quick Create pattern for its
 * kind, and all of them carry one cluster name and one 9-hex id. The other policies find resources by
 * these names, so this policy is what makes their lookups trustworthy.
 */

/** Which Quick Create names each resource type may carry. */
const ROLES_BY_TYPE: Record<string, NameRole[]> = {
  [ResourceType.Vcn]: ["vcn"],
  [ResourceType.InternetGateway]: ["internetGateway"],
  [ResourceType.NatGateway]: ["natGateway"],
  [ResourceType.ServiceGateway]: ["serviceGateway"],
  [ResourceType.DefaultRouteTable]: ["publicRouteTable"],
  [ResourceType.RouteTable]: ["privateRouteTable", "publicRouteTable"],
  [ResourceType.SecurityList]: ["endpointSecurityList", "workerSecurityList", "lbSecurityList"],
  [ResourceType.DefaultSecurityList]: ["lbSecurityList"],
  [ResourceType.Subnet]: ["endpointSubnet", "workerSubnet", "lbSubnet"],
};

const namingSchema: PolicyConfigSchema = {
  properties: {
    nodePoolName: { type: "string", minLength: 1, default: NODE_POOL_NAME, description: `Name of the node pool (Quick Create: ${NODE_POOL_NAME}).` },
  },
};

interface Named {
  resource: PolicyResource;
  role: NameRole;
  clusterName: string;
  id: string;
}

export const quickCreateNames: Documented<StackValidationPolicy> = {
  name: "quick-create-names",
  description: `Every network resource's display name follows Quick Create's pattern for its kind (oke-<type>-quick-<cluster>-<id>), all share one cluster name and one ${NAME_SUFFIX_LENGTH}-hex id, the cluster is named after it and the node pool is ${NODE_POOL_NAME}.`,
  enforcementLevel: "mandatory",
  configSchema: namingSchema,
  validateStack: (args, reportViolation) => {
    const { nodePoolName } = configWithDefaults<{ nodePoolName: string }>(namingSchema, args.getConfig());
    const named: Named[] = [];
    for (const resource of args.resources) {
      const roles = ROLES_BY_TYPE[resource.type];
      if (!roles) {
        continue;
      }
      const displayName = read(resource.props, "displayName");
      const parsed = typeof displayName === "string" ? parseQuickCreateName(displayName) : undefined;
      if (!parsed || !roles.includes(parsed.role)) {
        reportViolation(
          `${resource.type} "${resource.name}" has displayName ${show(displayName)}, which is not a literal Quick Create name for this kind of resource. ` +
            `Fix: name it ${roles.map((r) => `"${nameTemplate(r)}"`).join(" or ")}, using the stack's cluster name and ${NAME_SUFFIX_LENGTH}-hex id.`,
          resource.urn,
        );
        continue;
      }
      named.push({ resource, ...parsed });
    }
    if (named.length === 0) {
      return;
    }

    // The most common (cluster name, id) pair is the stack's; every other one is the odd one out.
    const counts = new Map<string, number>();
    for (const n of named) {
      const key = `${n.clusterName}\u0000${n.id}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const [mostCommon] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
    const [reference, referenceId] = mostCommon.split("\u0000");
    for (const n of named) {
      if (n.clusterName !== reference || n.id !== referenceId) {
        reportViolation(
          `${labelOf(n.resource)} names cluster "${n.clusterName}" with id "${n.id}", but the rest of the stack uses cluster "${reference}" with id "${referenceId}". ` +
            `Fix: derive every display name from quickCreateNames("${reference}", "${referenceId}").`,
          n.resource.urn,
        );
      }
    }

    const byRole = new Map<NameRole, Named[]>();
    for (const n of named) {
      byRole.set(n.role, [...(byRole.get(n.role) ?? []), n]);
    }
    for (const [role, holders] of byRole) {
      if (holders.length > 1) {
        reportViolation(
          `${holders.length} resources are named like ${nameTemplate(role)} (${holders.map((h) => labelOf(h.resource)).join(", ")}); Quick Create has exactly one. ` +
            `Fix: remove the duplicate or give it a name outside the Quick Create scheme.`,
          holders[1].resource.urn,
        );
      }
    }

    for (const vcn of named.filter((n) => n.role === "vcn")) {
      const dnsLabel = read(vcn.resource.props, "dnsLabel");
      const expected = vcnDnsLabel(reference);
      if (dnsLabel !== expected) {
        reportViolation(
          `VCN ${labelOf(vcn.resource)} has dnsLabel ${show(dnsLabel)}; Quick Create uses the cluster name reduced to letters and digits, at most 15 characters. Fix: set dnsLabel to "${expected}".`,
          vcn.resource.urn,
        );
      }
    }

    for (const cluster of args.resources.filter((r) => r.type === ResourceType.Cluster)) {
      const name = read(cluster.props, "name");
      if (name !== reference) {
        reportViolation(
          `Cluster ${label(cluster.name, cluster.props, "name")} has name ${show(name)}, but the network resources are named for cluster "${reference}". Fix: set the cluster's name to "${reference}".`,
          cluster.urn,
        );
      }
    }
    for (const pool of args.resources.filter((r) => r.type === ResourceType.NodePool)) {
      const name = read(pool.props, "name");
      if (name !== nodePoolName) {
        reportViolation(
          `Node pool "${pool.name}" has name ${show(name)}; Quick Create names its node pool "${nodePoolName}". Fix: set name: "${nodePoolName}".`,
          pool.urn,
        );
      }
    }
  },
  doc: {
    asserts: `Every VCN, gateway, route table, security list and subnet has the Quick Create display name for its kind; all share the most common (cluster name, ${NAME_SUFFIX_LENGTH}-hex id); no role appears twice; the cluster's \`name\` is that cluster name; node pools are named \`nodePoolName\` (\`${NODE_POOL_NAME}\`); the VCN \`dnsLabel\` is \`vcnDnsLabel(cluster)\``,
    why: "The other stack policies find resources by these names",
    spec: "§2",
  },
};

export const namingPolicies: Documented<StackValidationPolicy>[] = [quickCreateNames];
