import { StackValidationPolicy } from "@pulumi/policy";
import { Documented } from "./lib/documented";
import { label, ofType } from "./lib/resources";
import { ClusterTypeToken, ResourceType } from "./contract";
import { UNKNOWN, read, readPath, show } from "./lib/values";

/**
 * Node cycling on enhanced clusters: without nodePoolCyclingDetails an upgrade changes the pool's
 * version and image for new nodes only, and the existing nodes keep running the old ones until someone
 * replaces them by hand. OKE offers cycling on enhanced clusters only (NodePoolCyclingDetails), for VM
 * and bare-metal shapes. The cycling settings and the cluster type are literals, so this decides at the
 * preview of a new stack.
 */

export const nodePoolCyclingEnabled: Documented<StackValidationPolicy> = {
  name: "node-pool-cycling-enabled",
  description:
    "On an enhanced cluster, every node pool sets nodePoolCyclingDetails.isNodeCyclingEnabled, so an upgrade or a new image replaces the running nodes instead of leaving them on the old version.",
  enforcementLevel: "advisory",
  validateStack: (args, reportViolation) => {
    // One cluster per stack (kubernetes-versions-match): pools are matched to it without ids.
    const enhanced = ofType(args.resources, ResourceType.Cluster).some((c) => read(c.props, "type") === ClusterTypeToken.ENHANCED);
    if (!enhanced) {
      return;
    }
    for (const pool of ofType(args.resources, ResourceType.NodePool)) {
      const enabled = readPath(pool.props, "nodePoolCyclingDetails", "isNodeCyclingEnabled");
      if (enabled === true) {
        continue;
      }
      reportViolation(
        `Node pool ${label(pool.name, pool.props, "name")} on an enhanced cluster has nodePoolCyclingDetails.isNodeCyclingEnabled ${enabled === UNKNOWN ? "unknown" : show(enabled)}: ` +
          `after a Kubernetes version or image change its running nodes keep the old ones until they are replaced by hand. ` +
          `Fix: set nodePoolCyclingDetails: { isNodeCyclingEnabled: true, maximumSurge: "1", maximumUnavailable: "0" } as literals.`,
        pool.urn,
      );
    }
  },
  doc: {
    asserts: `On a cluster of \`type\` \`${ClusterTypeToken.ENHANCED}\`, every node pool has \`nodePoolCyclingDetails.isNodeCyclingEnabled\` literally \`true\``,
    why: "Without it an upgrade or a new image reaches new nodes only; the running ones keep the old version until replaced by hand. Basic clusters have no cycling and are not checked",
    spec: 'OKE "Updating Worker Nodes … by Terminating and Replacing Nodes"',
  },
};

export const nodePoolCyclingPolicies = [nodePoolCyclingEnabled];
