import { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { Documented } from "./lib/documented";
import { configWithDefaults, policyConfigHint } from "./lib/config";
import { label } from "./lib/resources";
import { FAULT_DOMAINS_PER_AD, NODE_POOL_SIZE, ResourceType } from "./contract";
import { UNKNOWN, read, readArray, readPath, show } from "./lib/values";

/**
 * Node pool policies (spec §5): the "47 GB" boot volume, three nodes spread over fault domains, one
 * placement config per availability domain, and flex shapes sized explicitly.
 */

const bootVolumeSchema: PolicyConfigSchema = {
  properties: {
    allowedBootVolumeSizeInGbs: {
      type: "string",
      pattern: "^([0-9]+)?$",
      default: "",
      description:
        'One explicit boot volume size (GB, as a string like "100") to accept besides the image default; empty accepts none. OCI only accepts 50 and more.',
    },
  },
};

export const nodePoolBootVolumeImageDefault: Documented<ResourceValidationPolicy> = {
  name: "node-pool-boot-volume-image-default",
  description: "Node pools keep the image's default boot volume (about 47 GB), as Quick Create does, unless one explicit size is allowed in the policy config.",
  enforcementLevel: "mandatory",
  configSchema: bootVolumeSchema,
  validateResource: (args, reportViolation) => {
    if (args.type !== ResourceType.NodePool) {
      return;
    }
    const { allowedBootVolumeSizeInGbs } = configWithDefaults<{ allowedBootVolumeSizeInGbs: string }>(bootVolumeSchema, args.getConfig());
    const size = readPath(args.props, "nodeSourceDetails", "bootVolumeSizeInGbs");
    if (size === undefined || size === null) {
      return;
    }
    if (allowedBootVolumeSizeInGbs !== "" && size !== UNKNOWN && String(size) === allowedBootVolumeSizeInGbs) {
      return;
    }
    const allowed = allowedBootVolumeSizeInGbs === "" ? "" : ` or set it to the allowed "${allowedBootVolumeSizeInGbs}"`;
    reportViolation(
      `Node pool ${label(args.name, args.props, "name")} sets nodeSourceDetails.bootVolumeSizeInGbs to ${show(size)}; ` +
        `Quick Create leaves it unset so nodes boot from the image's default 46.6 GB ("47 GB") volume. ` +
        `Fix: remove bootVolumeSizeInGbs${allowed}, or allow this size: ` +
        `${policyConfigHint("node-pool-boot-volume-image-default", { allowedBootVolumeSizeInGbs: /^[0-9]+$/.test(String(size)) ? String(size) : "<size>" })}.`,
    );
  },
  doc: {
    asserts: "`nodeSourceDetails.bootVolumeSizeInGbs` is unset, or equals `allowedBootVolumeSizeInGbs`",
    why: 'The "47 GB" boot volume is the image default (46.6 GB); a set value changes cost and size',
    spec: "§1, §5 Boot volume",
  },
};

const sizeSchema: PolicyConfigSchema = {
  properties: {
    minimumNodes: {
      type: "integer",
      minimum: 1,
      default: NODE_POOL_SIZE,
      description: `Fewest nodes a node pool may have; Quick Create creates ${NODE_POOL_SIZE}, one per fault domain.`,
    },
  },
};

export const nodePoolMinimumSize: Documented<ResourceValidationPolicy> = {
  name: "node-pool-minimum-size",
  description: `Node pools have at least the configured number of nodes (${NODE_POOL_SIZE} by default), so that OKE can put one in each fault domain.`,
  enforcementLevel: "mandatory",
  configSchema: sizeSchema,
  validateResource: (args, reportViolation) => {
    if (args.type !== ResourceType.NodePool) {
      return;
    }
    const { minimumNodes } = configWithDefaults<{ minimumNodes: number }>(sizeSchema, args.getConfig());
    const pool = label(args.name, args.props, "name");
    const size = readPath(args.props, "nodeConfigDetails", "size");
    if (typeof size !== "number") {
      reportViolation(
        `Node pool ${pool} has nodeConfigDetails.size ${show(size)}; it must be a literal number of at least ${minimumNodes}. ` +
          `Fix: set nodeConfigDetails: { size: ${minimumNodes}, placementConfigs: [...] } (the legacy subnetIds/quantityPerSubnet form cannot spread nodes over fault domains).`,
      );
      return;
    }
    if (size < minimumNodes) {
      reportViolation(
        `Node pool ${pool} has nodeConfigDetails.size ${size}, below the minimum of ${minimumNodes}: ` +
          `Quick Create runs ${NODE_POOL_SIZE} nodes so that losing one fault domain leaves the cluster running. ` +
          `Fix: set nodeConfigDetails.size to ${minimumNodes} or more, or lower the minimum: ${policyConfigHint("node-pool-minimum-size", { minimumNodes: size })}.`,
      );
    }
  },
  doc: {
    asserts: `\`nodeConfigDetails.size\` is a literal ≥ \`minimumNodes\` (${NODE_POOL_SIZE})`,
    why: "One node per fault domain; losing an FD leaves the cluster running",
    spec: "§1, §5 Size",
  },
};

const spreadSchema: PolicyConfigSchema = {
  properties: {
    minimumFaultDomains: {
      type: "integer",
      minimum: 1,
      maximum: FAULT_DOMAINS_PER_AD,
      default: FAULT_DOMAINS_PER_AD,
      description: `Fewest fault domains a placement config may name when it names any; every AD has ${FAULT_DOMAINS_PER_AD}.`,
    },
  },
};

export const nodePoolFaultDomainSpread: Documented<ResourceValidationPolicy> = {
  name: "node-pool-fault-domain-spread",
  description: `Node pools have one placement config per availability domain and do not pin nodes to fewer fault domains than configured (${FAULT_DOMAINS_PER_AD} by default), so OKE spreads nodes over all fault domains.`,
  enforcementLevel: "mandatory",
  configSchema: spreadSchema,
  validateResource: (args, reportViolation) => {
    if (args.type !== ResourceType.NodePool) {
      return;
    }
    const { minimumFaultDomains } = configWithDefaults<{ minimumFaultDomains: number }>(spreadSchema, args.getConfig());
    const pool = label(args.name, args.props, "name");
    const placements = readArray(read(args.props, "nodeConfigDetails"), "placementConfigs");
    if (placements === UNKNOWN || placements.length === 0) {
      reportViolation(
        `Node pool ${pool} has nodeConfigDetails.placementConfigs ${placements === UNKNOWN ? show(UNKNOWN) : "empty or unset"}; ` +
          `Quick Create lists one placement config per availability domain. ` +
          `Fix: build placementConfigs as a literal array with one { availabilityDomain, subnetId } per AD.`,
      );
      return;
    }
    const seen = new Map<string, number>();
    placements.forEach((placement, index) => {
      const ad = read(placement, "availabilityDomain");
      if (typeof ad === "string") {
        if (seen.has(ad)) {
          reportViolation(
            `Node pool ${pool} lists availability domain "${ad}" in placementConfigs[${seen.get(ad)}] and placementConfigs[${index}]; ` +
              `OKE balances nodes per placement config, so a repeated AD skews the spread. Fix: keep one placement config per availability domain.`,
          );
        } else {
          seen.set(ad, index);
        }
      }
      const faultDomains = read(placement, "faultDomains");
      if (faultDomains === undefined || faultDomains === null) {
        return; // no fault domains named: OKE spreads over all of them, as Quick Create does
      }
      const count = Array.isArray(faultDomains) ? faultDomains.length : undefined;
      if (count === 0) {
        return;
      }
      if (count === undefined || count < minimumFaultDomains) {
        reportViolation(
          `Node pool ${pool} pins placementConfigs[${index}] to faultDomains ${show(faultDomains)}, fewer than ${minimumFaultDomains} fault domains; ` +
            `all its nodes then share that hardware. Fix: remove faultDomains (Quick Create names none, so OKE spreads nodes over FAULT-DOMAIN-1..3) ` +
            `or list at least ${minimumFaultDomains}.`,
        );
      }
    });
  },
  doc: {
    asserts: `≥ 1 placement config; no AD listed twice; no placement config naming fewer than \`minimumFaultDomains\` (${FAULT_DOMAINS_PER_AD}) fault domains (none named is fine)`,
    why: "Quick Create names no FDs, so OKE spreads nodes over FD-1..3",
    spec: "§1, §5 Placement",
  },
};

export const nodePoolFlexShapeConfig: Documented<ResourceValidationPolicy> = {
  name: "node-pool-flex-shape-config",
  description:
    "Node pools with a flexible shape state their OCPUs and memory (Quick Create uses 1 OCPU and 16 GB), because a flex shape has no size of its own.",
  enforcementLevel: "advisory",
  validateResource: (args, reportViolation) => {
    if (args.type !== ResourceType.NodePool) {
      return;
    }
    const shape = read(args.props, "nodeShape");
    if (typeof shape !== "string" || !shape.endsWith(".Flex")) {
      return;
    }
    const ocpus = readPath(args.props, "nodeShapeConfig", "ocpus");
    const memory = readPath(args.props, "nodeShapeConfig", "memoryInGbs");
    if (ocpus === undefined || memory === undefined) {
      reportViolation(
        `Node pool ${label(args.name, args.props, "name")} uses flex shape "${shape}" with nodeShapeConfig.ocpus ${show(ocpus)} and memoryInGbs ${show(memory)}; ` +
          `OCI rejects or defaults a flex shape without a size. Fix: set nodeShapeConfig: { ocpus: 1, memoryInGbs: 16 } as Quick Create does.`,
      );
    }
  },
  doc: {
    asserts: "A `*.Flex` shape has `nodeShapeConfig.ocpus` and `memoryInGbs`",
    why: "Quick Create uses 1 OCPU / 16 GB",
    spec: "§5 Shape",
  },
};

export const nodePoolPolicies: Documented<ResourceValidationPolicy>[] = [
  nodePoolBootVolumeImageDefault,
  nodePoolMinimumSize,
  nodePoolFaultDomainSpread,
  nodePoolFlexShapeConfig,
];
