import { PROJECT_NAME } from "./project";

/**
 * The freeform tag that marks what the cluster's cloud controller and CSI driver create for this stack
 * (load balancers, network load balancers, block volumes). OKE copies `options.serviceLbConfig` and
 * `options.persistentVolumeConfig` tags onto them, so a destroy can tell this stack's leftovers from
 * anything else in the same subnet or compartment.
 */
export const STACK_TAG_KEY = `${PROJECT_NAME}-stack`;

/**
 * `<project>/<stack>`: unique per Pulumi project and stack, known before anything is created. It always
 * fits a freeform tag value (at most 256 characters, OCI "Tagging Limits"): Pulumi limits project and
 * stack names to 100 characters each (tokens.ValidateProjectName, ParseStackName), so at most 201.
 */
export function stackTagValue(project: string, stack: string): string {
  return `${project}/${stack}`;
}

/** `<project>/<stack>` with neither part empty and no further slash. */
export const STACK_TAG_VALUE = /^[^/\s]+\/[^/\s]+$/;

export function carriesStackTag(freeformTags: Record<string, string> | undefined | null, value: string): boolean {
  return (freeformTags ?? {})[STACK_TAG_KEY] === value;
}
