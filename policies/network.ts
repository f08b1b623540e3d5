import { PolicyConfigSchema, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { Documented } from "./lib/documented";
import { configWithDefaults, policyConfigHint } from "./lib/config";
import { ResourceType, hasRole, nameTemplate } from "./contract";
import { label } from "./lib/resources";
import { UNKNOWN, read, readArray, readPath, show } from "./lib/values";

/**
 * Network policies: firewalling by security lists only (no NSGs, spec §1/§5) and the subnets' public or
 * private character (spec §2).
 */

/** A list-valued NSG field is a violation as soon as it is set and non-empty, whatever the ids are. */
function nsgField(value: unknown): string | undefined {
  if (value === UNKNOWN) {
    return show(UNKNOWN);
  }
  if (Array.isArray(value) && value.length > 0) {
    return `${value.length} NSG id(s)`;
  }
  return undefined;
}

function checkNodePoolNsgs(args: ResourceValidationArgs, report: (message: string) => void): void {
  const pool = label(args.name, args.props, "name");
  const details = read(args.props, "nodeConfigDetails");
  const fields: [string, unknown][] = [
    ["nodeConfigDetails.nsgIds", read(details, "nsgIds")],
    ["nodeConfigDetails.nodePoolPodNetworkOptionDetails.podNsgIds", readPath(details, "nodePoolPodNetworkOptionDetails", "podNsgIds")],
  ];
  const vnics = readArray(args.props, "secondaryVnics");
  if (vnics !== UNKNOWN) {
    vnics.forEach((vnic, i) => fields.push([`secondaryVnics[${i}].createVnicDetails.nsgIds`, readPath(vnic, "createVnicDetails", "nsgIds")]));
  }
  for (const [path, value] of fields) {
    const found = nsgField(value);
    if (found) {
      report(
        `Node pool ${pool} sets ${path} (${found}); Quick Create attaches no network security groups and firewalls nodes with the worker security list only. ` +
          `Fix: remove ${path} and express the rule in the worker security list.`,
      );
    }
  }
}

function checkClusterNsgs(args: ResourceValidationArgs, report: (message: string) => void): void {
  const found = nsgField(readPath(args.props, "endpointConfig", "nsgIds"));
  if (found) {
    report(
      `Cluster ${label(args.name, args.props, "name")} sets endpointConfig.nsgIds (${found}); Quick Create protects the API endpoint with the endpoint security list only. ` +
        `Fix: remove endpointConfig.nsgIds and put the rule in the endpoint security list.`,
    );
  }
}

export const noNetworkSecurityGroups: Documented<ResourceValidationPolicy> = {
  name: "no-network-security-groups",
  description:
    "The stack uses no network security groups: none on the node pool, its pods or the cluster endpoint, and no NSG resources, because Quick Create firewalls with security lists only and a node pool cannot manage NSGs it did not create.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    switch (args.type) {
      case ResourceType.NodePool:
        return checkNodePoolNsgs(args, reportViolation);
      case ResourceType.Cluster:
        return checkClusterNsgs(args, reportViolation);
      case ResourceType.NetworkSecurityGroup:
      case ResourceType.NetworkSecurityGroupSecurityRule:
        reportViolation(
          `Resource ${label(args.name, args.props)} of type ${args.type} creates a network security group (rule); Quick Create uses none. ` +
            `Fix: delete it and add the equivalent rule to the worker, endpoint or load-balancer security list.`,
        );
        return;
      default:
        return;
    }
  },
  doc: {
    asserts:
      "No `nodeConfigDetails.nsgIds`, `…nodePoolPodNetworkOptionDetails.podNsgIds`, `secondaryVnics[].createVnicDetails.nsgIds` on node pools, no `endpointConfig.nsgIds` on the cluster, no `NetworkSecurityGroup(SecurityRule)` resources",
    why: "Quick Create firewalls with security lists only; a node pool cannot manage NSGs",
    spec: "§1, §5 NSGs",
  },
};

const workerSchema: PolicyConfigSchema = {
  properties: {
    allowPublicWorkers: {
      type: "boolean",
      default: false,
      description: "Accept a public worker subnet (Quick Create's non-default 'public workers' choice).",
    },
  },
};

function flagsOf(props: unknown): { publicIp: unknown; internetIngress: unknown } {
  return { publicIp: read(props, "prohibitPublicIpOnVnic"), internetIngress: read(props, "prohibitInternetIngress") };
}

export const workerSubnetPrivate: Documented<ResourceValidationPolicy> = {
  name: "worker-subnet-private",
  description:
    "The worker subnet is private (prohibitPublicIpOnVnic and prohibitInternetIngress both true), Quick Create's default, unless public workers are allowed in the policy config.",
  enforcementLevel: "mandatory",
  configSchema: workerSchema,
  validateResource: (args, reportViolation) => {
    if (args.type !== ResourceType.Subnet || !hasRole(read(args.props, "displayName"), "workerSubnet")) {
      return;
    }
    const { allowPublicWorkers } = configWithDefaults<{ allowPublicWorkers: boolean }>(workerSchema, args.getConfig());
    if (allowPublicWorkers) {
      return;
    }
    const { publicIp, internetIngress } = flagsOf(args.props);
    if (publicIp !== true || internetIngress !== true) {
      reportViolation(
        `Worker subnet ${label(args.name, args.props)} has prohibitPublicIpOnVnic ${show(publicIp)} and prohibitInternetIngress ${show(internetIngress)}; ` +
          `Quick Create keeps workers private so nodes get no public IP and no inbound internet traffic. ` +
          `Fix: set both to the literal true (and route through the NAT and service gateways), or allow public workers: ` +
          `${policyConfigHint("worker-subnet-private", { allowPublicWorkers: true })}.`,
      );
    }
  },
  doc: {
    asserts: `The \`${nameTemplate("workerSubnet")}\` subnet has \`prohibitPublicIpOnVnic\` and \`prohibitInternetIngress\` literally \`true\` (unless \`allowPublicWorkers\`)`,
    why: "Private workers are Quick Create's default",
    spec: "§2 Worker subnet",
  },
};

export const loadBalancerSubnetPublic: Documented<ResourceValidationPolicy> = {
  name: "load-balancer-subnet-public",
  description:
    "The load-balancer subnet is public (prohibitPublicIpOnVnic and prohibitInternetIngress false or unset), because Quick Create always places service load balancers where the internet can reach them.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== ResourceType.Subnet || !hasRole(read(args.props, "displayName"), "lbSubnet")) {
      return;
    }
    const { publicIp, internetIngress } = flagsOf(args.props);
    const isPublic = (flag: unknown) => flag === false || flag === undefined || flag === null;
    if (!isPublic(publicIp) || !isPublic(internetIngress)) {
      reportViolation(
        `Load-balancer subnet ${label(args.name, args.props)} (${nameTemplate("lbSubnet")}) has prohibitPublicIpOnVnic ${show(publicIp)} and prohibitInternetIngress ${show(internetIngress)}; ` +
          `public load balancers for type: LoadBalancer Services cannot be created there. Fix: set both to false (or leave them unset).`,
      );
    }
  },
  doc: {
    asserts: `The \`${nameTemplate("lbSubnet")}\` subnet has both flags \`false\` or unset`,
    why: "Service load balancers must be reachable",
    spec: "§2 LB subnet",
  },
};

export const networkPolicies: Documented<ResourceValidationPolicy>[] = [noNetworkSecurityGroups, workerSubnetPrivate, loadBalancerSubnetPublic];
