/**
 * The Quick Create contract (docs/quick-create-spec.md): names, security rule rows, ports and
 * protocols, type tokens, the address plan, load-balancer annotation keys and CIDR arithmetic. It
 * imports nothing outside this folder, so the policy
 * pack carries it when published alone, and the program, the offline plan and the tests import the
 * same values from here.
 */
export * from "./addressPlan";
export * from "./annotations";
export * from "./cidr";
export * from "./names";
export * from "./nodePool";
export * from "./ociTokens";
export * from "./project";
export * from "./protocols";
export * from "./resourceTypes";
export * from "./securityRules";
export * from "./stackTag";
