/**
 * The project's one name: the Pulumi project (`name:` in Pulumi.yaml), so its config namespace and the
 * package of its component types, and the name the policy pack registers under. Pulumi.yaml and
 * package.json spell it as their formats require; tests/contract/projectName.test.ts checks they agree.
 */
export const PROJECT_NAME = "oke-quick-create";

/** The CrossGuard pack's name (`new PolicyPack(...)`), which the CLI prints as `oke-quick-create@v0.1.0`. */
export const POLICY_PACK_NAME = PROJECT_NAME;

/** The type token of one of the program's component resources, e.g. `oke-quick-create:index:Network`. */
export function componentType(component: string): string {
  return `${PROJECT_NAME}:index:${component}`;
}
