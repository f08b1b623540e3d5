import { bastionResourcePolicies, bastionStackPolicies } from "./bastion";
import { DocumentedPolicy } from "./lib/documented";
import { clusterResourcePolicies, clusterStackPolicies } from "./cluster";
import { kubernetesPolicies } from "./kubernetes";
import { namingPolicies } from "./naming";
import { networkPolicies } from "./network";
import { nodePoolPolicies } from "./nodePool";
import { nodePoolCyclingPolicies } from "./nodePoolCycling";
import { securityListResourcePolicies, securityListStackPolicies } from "./securityLists";
import { stackTagPolicies } from "./stackTags";

/**
 * Every policy of the pack, as plain data. index.ts serves exactly this list; tests and the generator of
 * docs/policies.md import it from here because importing index.ts would start the analyzer server.
 */
export const allPolicies: DocumentedPolicy[] = [
  ...nodePoolPolicies,
  ...networkPolicies,
  ...securityListResourcePolicies,
  ...securityListStackPolicies,
  ...clusterResourcePolicies,
  ...clusterStackPolicies,
  ...namingPolicies,
  ...kubernetesPolicies,
  ...bastionResourcePolicies,
  ...bastionStackPolicies,
  ...nodePoolCyclingPolicies,
  ...stackTagPolicies,
];
