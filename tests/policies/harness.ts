import { Policy, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import { EnforcementLevel, PolicyInfoForConfig, PolicyPackConfigFile, parsePolicyPackConfig, reconcilePolicyPackConfig } from "../../offline/analyzer/config";
import { Diagnostic, analyzeRequest, analyzerResource, diagnosticsOf } from "../../offline/analyzer/protocol";
import { AnalyzedResource } from "../../offline/analyzer/records";
import { POLICY_PACK_NAME } from "../../policies/contract";

/**
 * Runs single policies in-process through the policy SDK's own RPC handlers (makeAnalyzeRpcFun /
 * makeAnalyzeStackRpcFun), fed with real protobuf requests. Policies therefore see exactly what the
 * server gives them: Struct-deserialized props behind the unknown-checking proxy, notApplicable, the
 * "can't run during preview" downgrade. Only configuration is injected differently: the SDK keeps it
 * in a module variable that only its (unexported) Configure handler sets, so getConfig is wrapped to
 * return what the CLI's reconciliation (schema defaults + given config) would have sent.
 */
interface PolicyServerInternals {
  makeAnalyzeRpcFun(name: string, version: string, level: EnforcementLevel, policies: Policy[]): RpcFun<pb.AnalyzeRequest>;
  makeAnalyzeStackRpcFun(name: string, version: string, level: EnforcementLevel, policies: Policy[]): RpcFun<pb.AnalyzeStackRequest>;
}
type RpcFun<Req> = (call: { request: Req }, callback: (err: unknown, res?: pb.AnalyzeResponse) => void) => Promise<void>;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const server: PolicyServerInternals = (require("../../offline/pulumiInternals") as typeof import("../../offline/pulumiInternals")).policyServer();

const PACK = POLICY_PACK_NAME;
const VERSION = "0.1.0";

export interface HarnessResult {
  diagnostics: Diagnostic[];
  notApplicable: { policyName: string; reason: string }[];
}

function configFor(policy: Policy, config: PolicyPackConfigFile | undefined): { level: EnforcementLevel; properties: Record<string, unknown> } {
  const info = {
    name: policy.name,
    enforcementLevel: policy.enforcementLevel ?? "mandatory",
    configSchema: policy.configSchema as PolicyInfoForConfig["configSchema"],
  };
  const reconciled = reconcilePolicyPackConfig([info], {}, parsePolicyPackConfig(config))[policy.name];
  return { level: reconciled.enforcementLevel ?? "mandatory", properties: reconciled.properties ?? {} };
}

/**
 * The protobuf message for each record, built once per distinct record: the suites run many policies
 * over the same records, and converting a record's inputs to a protobuf Struct was most of a policy
 * call's CPU. Keyed by the record's content, so a record changed in place gets a message of its own;
 * the policy server only reads the messages it is given.
 */
const messages = new Map<string, pb.AnalyzeRequest | pb.AnalyzerResource>();
function once<M extends pb.AnalyzeRequest | pb.AnalyzerResource>(kind: string, record: AnalyzedResource, build: (record: AnalyzedResource) => M): M {
  const key = kind + JSON.stringify(record);
  let message = messages.get(key) as M | undefined;
  if (!message) {
    message = build(record);
    messages.set(key, message);
  }
  return message;
}

function invoke<Req>(fn: RpcFun<Req>, request: Req): Promise<HarnessResult> {
  return new Promise((resolve, reject) => {
    void fn({ request }, (err, res) => {
      if (err || !res) {
        reject(err ?? new Error("no response"));
        return;
      }
      resolve({
        diagnostics: diagnosticsOf(res, "analyze", ""),
        notApplicable: res.getNotApplicableList().map((n) => ({ policyName: n.getPolicyName(), reason: n.getReason() })),
      });
    });
  });
}

export function runResourcePolicy(policy: ResourceValidationPolicy, record: AnalyzedResource, config?: PolicyPackConfigFile): Promise<HarnessResult> {
  const { level, properties } = configFor(policy, config);
  const validations = Array.isArray(policy.validateResource) ? policy.validateResource : policy.validateResource ? [policy.validateResource] : [];
  const wrapped: ResourceValidationPolicy = {
    ...policy,
    enforcementLevel: level,
    validateResource: validations.map((validate) => (args, report) => validate({ ...args, getConfig: <T>() => properties as T }, report)),
  };
  const fn = server.makeAnalyzeRpcFun(PACK, VERSION, "mandatory", [wrapped]);
  return invoke(fn, once("analyze", record, analyzeRequest)).then((r) => ({
    ...r,
    diagnostics: r.diagnostics.map((d) => ({ ...d, urn: d.urn || record.urn })),
  }));
}

export function runStackPolicy(policy: StackValidationPolicy, records: AnalyzedResource[], config?: PolicyPackConfigFile): Promise<HarnessResult> {
  const { level, properties } = configFor(policy, config);
  const wrapped: StackValidationPolicy = {
    ...policy,
    enforcementLevel: level,
    validateStack: (args, report) => policy.validateStack({ ...args, getConfig: <T>() => properties as T }, report),
  };
  const request = new pb.AnalyzeStackRequest();
  request.setResourcesList(records.map((record) => once("stack", record, analyzerResource)));
  const fn = server.makeAnalyzeStackRpcFun(PACK, VERSION, "mandatory", [wrapped]);
  return invoke(fn, request).then((r) => ({ ...r, diagnostics: r.diagnostics.map((d) => ({ ...d, source: "analyzeStack" as const })) }));
}

/** The record with Pulumi name `name`. */
export function recordNamed(records: AnalyzedResource[], name: string): AnalyzedResource {
  const record = records.find((r) => r.name === name);
  if (!record) {
    throw new Error(`no record named ${name}`);
  }
  return record;
}

/** Runs a resource policy over every record, as the engine does during a preview. */
export async function runResourcePolicyOverStack(
  policy: ResourceValidationPolicy,
  records: AnalyzedResource[],
  config?: PolicyPackConfigFile,
): Promise<Diagnostic[]> {
  const all: Diagnostic[] = [];
  for (const record of records) {
    all.push(...(await runResourcePolicy(policy, record, config)).diagnostics);
  }
  return all;
}

/**
 * Each violation as [policy name, Pulumi name of the resource it names, message], so a test says
 * which policy fired, about which resource, and what it told the user.
 */
export function violations(diagnostics: Diagnostic[]): [string, string, string][] {
  return diagnostics.map((d) => [d.policyName, d.urn.split("::").pop() ?? "", d.message]);
}
