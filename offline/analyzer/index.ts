/**
 * Runs this repository's CrossGuard pack (or any nodejs pack) against plain resource records, through
 * the same process, gRPC calls and config handling as `pulumi preview --policy-pack <dir>`.
 */
export type { AnalyzedResource, AnalyzerResourceOptions } from "./records";
export { UNKNOWN_VALUE, makeUrn, toStruct } from "./records";
export type { EnforcementLevel, PolicyConfigEntry, PolicyPackConfigFile } from "./config";
export { parsePolicyPackConfig, reconcilePolicyPackConfig, validatePolicyPackConfig } from "./config";
export type { AnalyzerInfo, AnalyzerPolicyInfo, Diagnostic } from "./protocol";
export type { AnalysisReport, PackEndpoint, PackSource, PolicyPackSession, RunOptions, StackContext, StartOptions } from "./session";
export { DEFAULT_PACK_DIR, analyzeRecords, isPreviewDowngrade, connectPackSession, packKey, setPackSource, startPolicyPack } from "./session";
