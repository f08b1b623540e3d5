import { ResourceValidationPolicy } from "@pulumi/policy";
import { Documented } from "./lib/documented";
import { ResourceType, STACK_TAG_KEY, STACK_TAG_VALUE } from "./contract";
import { label } from "./lib/resources";
import { read, readPath, show } from "./lib/values";

/**
 * What the cloud controller and the CSI driver create (load balancers, block volumes) is not in the
 * stack's state. `pulumi destroy --run-program` finds it by the freeform tag the cluster hands them; a
 * cluster without the tag leaves load balancers that block the LB subnet's deletion, and volumes
 * nobody can attribute. The value is `<project>/<stack>`, a literal known at the first preview.
 */

const CREATED_RESOURCE_CONFIGS = ["serviceLbConfig", "persistentVolumeConfig"] as const;

export const clusterCreatedResourcesTagged: Documented<ResourceValidationPolicy> = {
  name: "cluster-created-resources-tagged",
  description: `The cluster's options.serviceLbConfig and options.persistentVolumeConfig freeform tags carry ${STACK_TAG_KEY}: "<project>/<stack>", the same literal in both, so the load balancers and volumes OKE creates can be found and cleaned up (or kept) at destroy.`,
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== ResourceType.Cluster) {
      return;
    }
    const cluster = label(args.name, args.props, "name");
    const values = CREATED_RESOURCE_CONFIGS.map((config) => read(readPath(args.props, "options", config, "freeformTags"), STACK_TAG_KEY));
    CREATED_RESOURCE_CONFIGS.forEach((config, i) => {
      const value = values[i];
      if (typeof value !== "string" || !STACK_TAG_VALUE.test(value)) {
        reportViolation(
          `Cluster ${cluster} has options.${config}.freeformTags["${STACK_TAG_KEY}"] ${show(value)}; it must be the literal "<project>/<stack>". ` +
            `Fix: set it to \`\${pulumi.getProject()}/\${pulumi.getStack()}\` (createdResourceTags in components/cluster.ts), so a destroy can find what OKE creates for this stack.`,
        );
      }
    });
    const valid = values.filter((v): v is string => typeof v === "string" && STACK_TAG_VALUE.test(v));
    if (valid.length === 2 && valid[0] !== valid[1]) {
      reportViolation(
        `Cluster ${cluster} tags its load balancers ${show(values[0])} but its volumes ${show(values[1])}; both must name the same stack. Fix: use one "<project>/<stack>" value for both.`,
      );
    }
  },
  doc: {
    asserts: `The cluster's \`options.serviceLbConfig.freeformTags\` and \`options.persistentVolumeConfig.freeformTags\` carry \`${STACK_TAG_KEY}\` as a literal \`"<project>/<stack>"\`, the same in both`,
    why: "OKE copies these tags onto the load balancers and block volumes it creates outside the stack's state; the destroy finds this stack's leftovers (and only them) by the tag",
    spec: "[destroy.md](destroy.md)",
  },
};

export const stackTagPolicies: Documented<ResourceValidationPolicy>[] = [clusterCreatedResourcesTagged];
