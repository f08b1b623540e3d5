import { Policy, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

/**
 * What docs/policies.md says of a policy beyond its name, level, description and config schema: the
 * exact assertion, why the policy exists, and where the contract (docs/quick-create-spec.md) or the
 * outside source states it. Markdown. The policy runtime ignores the field (it serves only the fields
 * of @pulumi/policy's Policy); `npm run policies-doc` writes docs/policies.md from it.
 */
export interface PolicyDoc {
  asserts: string;
  why: string;
  spec: string;
}

export type Documented<P extends Policy> = P & { doc: PolicyDoc };
export type DocumentedPolicy = Documented<ResourceValidationPolicy> | Documented<StackValidationPolicy>;
