/** One policy violation as the analyzer reports it. */
export interface PolicyDiagnostic {
  policyPack: string;
  policy: string;
  enforcementLevel: string;
  /** Absent for stack policies that blame no single resource. */
  urn?: string;
  message: string;
}

export interface PolicyPackInfo {
  name: string;
  version: string;
}

export interface PolicyResults {
  packs: PolicyPackInfo[];
  diagnostics: PolicyDiagnostic[];
}

/** Mandatory violations block `pulumi up` (and fail the plan); `remediate` is mandatory-like in preview. */
export function isBlocking(d: PolicyDiagnostic): boolean {
  return d.enforcementLevel === "mandatory";
}

export function countByLevel(results: PolicyResults): { mandatory: number; advisory: number } {
  const mandatory = results.diagnostics.filter(isBlocking).length;
  return { mandatory, advisory: results.diagnostics.length - mandatory };
}
