import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerRpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import { EnforcementLevel, PolicyConfigEntry, PolicyInfoForConfig } from "./config";
import { AnalyzedResource, toStruct } from "./records";

/**
 * The Analyzer gRPC protocol between the CLI and a policy pack: request builders and plain-object
 * views of the responses, so callers never handle protobuf classes.
 */

export interface Diagnostic {
  policyName: string;
  policyPackName: string;
  policyPackVersion: string;
  description: string;
  message: string;
  enforcementLevel: EnforcementLevel;
  /** The resource the violation is about; for Analyze calls the analyzed resource when the policy names none. */
  urn: string;
  severity?: string;
  /** Which RPC produced it. */
  source: "analyze" | "analyzeStack";
}

export interface AnalyzerPolicyInfo extends PolicyInfoForConfig {
  description: string;
  policyType: "resource" | "stack" | "unknown";
}

export interface AnalyzerInfo {
  name: string;
  version: string;
  supportsConfig: boolean;
  policies: AnalyzerPolicyInfo[];
  initialConfig: Record<string, PolicyConfigEntry>;
}

const LEVEL_NAMES: Record<number, EnforcementLevel> = {
  [pb.EnforcementLevel.ADVISORY]: "advisory",
  [pb.EnforcementLevel.MANDATORY]: "mandatory",
  [pb.EnforcementLevel.DISABLED]: "disabled",
  [pb.EnforcementLevel.REMEDIATE]: "remediate",
};
const LEVEL_NUMBERS: Record<EnforcementLevel, pb.EnforcementLevel> = {
  advisory: pb.EnforcementLevel.ADVISORY,
  mandatory: pb.EnforcementLevel.MANDATORY,
  disabled: pb.EnforcementLevel.DISABLED,
  remediate: pb.EnforcementLevel.REMEDIATE,
};
const SEVERITY_NAMES: Record<number, string | undefined> = { 0: undefined, 1: "low", 2: "medium", 3: "high", 4: "critical" };

function call<Req, Res>(method: (req: Req, cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown, req: Req): Promise<Res> {
  return new Promise((resolve, reject) => method(req, (err, res) => (err ? reject(err) : resolve(res))));
}

function resourceOptions(record: AnalyzedResource): pb.AnalyzerResourceOptions {
  // The policy server refuses requests without options ("A more recent version of the Pulumi CLI is required").
  const o = record.options ?? {};
  const options = new pb.AnalyzerResourceOptions();
  options.setProtect(o.protect ?? false);
  options.setIgnorechangesList(o.ignoreChanges ?? []);
  options.setDeletebeforereplacedefined(o.deleteBeforeReplace !== undefined);
  options.setDeletebeforereplace(o.deleteBeforeReplace ?? false);
  options.setAdditionalsecretoutputsList(o.additionalSecretOutputs ?? []);
  options.setAliasesList(o.aliases ?? []);
  const timeouts = new pb.AnalyzerResourceOptions.CustomTimeouts();
  timeouts.setCreate(o.customTimeouts?.create ?? 0);
  timeouts.setUpdate(o.customTimeouts?.update ?? 0);
  timeouts.setDelete(o.customTimeouts?.delete ?? 0);
  options.setCustomtimeouts(timeouts);
  if (record.parent) {
    options.setParent(record.parent);
  }
  return options;
}

function providerOf(record: AnalyzedResource): pb.AnalyzerProviderResource | undefined {
  if (!record.provider) {
    return undefined;
  }
  const provider = new pb.AnalyzerProviderResource();
  provider.setUrn(record.provider.urn);
  provider.setType(record.provider.type);
  provider.setName(record.provider.name);
  provider.setProperties(toStruct(record.provider.inputs));
  return provider;
}

export function analyzeRequest(record: AnalyzedResource): pb.AnalyzeRequest {
  const req = new pb.AnalyzeRequest();
  req.setUrn(record.urn);
  req.setType(record.type);
  req.setName(record.name);
  req.setProperties(toStruct(record.inputs));
  req.setOptions(resourceOptions(record));
  const provider = providerOf(record);
  if (provider) {
    req.setProvider(provider);
  }
  return req;
}

export function analyzerResource(record: AnalyzedResource): pb.AnalyzerResource {
  const resource = new pb.AnalyzerResource();
  resource.setUrn(record.urn);
  resource.setType(record.type);
  resource.setName(record.name);
  resource.setProperties(toStruct(record.inputs));
  resource.setOptions(resourceOptions(record));
  resource.setParent(record.parent ?? "");
  resource.setDependenciesList(record.dependencies);
  const provider = providerOf(record);
  if (provider) {
    resource.setProvider(provider);
  }
  const map = resource.getPropertydependenciesMap();
  for (const [key, urns] of Object.entries(record.propertyDependencies ?? {})) {
    if (urns.length === 0) {
      continue; // the CLI skips properties without dependencies
    }
    const deps = new pb.AnalyzerPropertyDependencies();
    deps.setUrnsList(urns);
    map.set(key, deps);
  }
  return resource;
}

export function diagnosticsOf(res: pb.AnalyzeResponse, source: Diagnostic["source"], defaultUrn: string): Diagnostic[] {
  return res.getDiagnosticsList().map((d) => ({
    policyName: d.getPolicyname(),
    policyPackName: d.getPolicypackname(),
    policyPackVersion: d.getPolicypackversion(),
    description: d.getDescription(),
    message: d.getMessage(),
    enforcementLevel: LEVEL_NAMES[d.getEnforcementlevel()],
    urn: d.getUrn() || defaultUrn,
    severity: SEVERITY_NAMES[d.getSeverity()],
    source,
  }));
}

/** A promise-based Analyzer client bound to one pack's port. */
export class AnalyzerConnection {
  private readonly client: analyzerRpc.AnalyzerClient;

  constructor(port: number) {
    this.client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      // The CLI raises gRPC's 4 MB default; a large stack's AnalyzeStack request can exceed it.
      "grpc.max_send_message_length": 400 * 1024 * 1024,
      "grpc.max_receive_message_length": 400 * 1024 * 1024,
    });
  }

  async getAnalyzerInfo(): Promise<AnalyzerInfo> {
    const info = await call<Empty, pb.AnalyzerInfo>(this.client.getAnalyzerInfo.bind(this.client), new Empty());
    const initialConfig: Record<string, PolicyConfigEntry> = {};
    info.getInitialconfigMap().forEach((value, key) => {
      initialConfig[key] = {
        enforcementLevel: LEVEL_NAMES[value.getEnforcementlevel()],
        properties: value.getProperties()?.toJavaScript() as Record<string, unknown> | undefined,
      };
    });
    return {
      name: info.getName(),
      version: info.getVersion(),
      supportsConfig: info.getSupportsconfig(),
      initialConfig,
      policies: info.getPoliciesList().map((p) => ({
        name: p.getName(),
        description: p.getDescription(),
        enforcementLevel: LEVEL_NAMES[p.getEnforcementlevel()],
        policyType:
          p.getPolicyType() === pb.PolicyType.POLICY_TYPE_RESOURCE ? "resource" : p.getPolicyType() === pb.PolicyType.POLICY_TYPE_STACK ? "stack" : "unknown",
        configSchema: p.getConfigschema()
          ? {
              properties: p.getConfigschema()?.getProperties()?.toJavaScript() as Record<string, Record<string, unknown>>,
              required: p.getConfigschema()?.getRequiredList(),
            }
          : undefined,
      })),
    };
  }

  async configure(config: Record<string, PolicyConfigEntry>): Promise<void> {
    const req = new pb.ConfigureAnalyzerRequest();
    const map = req.getPolicyconfigMap();
    for (const [name, entry] of Object.entries(config)) {
      const policyConfig = new pb.PolicyConfig();
      policyConfig.setEnforcementlevel(LEVEL_NUMBERS[entry.enforcementLevel ?? "advisory"]);
      policyConfig.setProperties(Struct.fromJavaScript((entry.properties ?? {}) as Parameters<typeof Struct.fromJavaScript>[0]));
      map.set(name, policyConfig);
    }
    await call<pb.ConfigureAnalyzerRequest, Empty>(this.client.configure.bind(this.client), req);
  }

  async configureStack(stack: { project: string; stack: string; organization?: string; dryRun: boolean; tags?: Record<string, string> }): Promise<void> {
    const req = new pb.AnalyzerStackConfigureRequest();
    req.setProject(stack.project);
    req.setStack(stack.stack);
    req.setOrganization(stack.organization ?? "");
    req.setDryRun(stack.dryRun);
    const tags = req.getTagsMap();
    for (const [k, v] of Object.entries(stack.tags ?? {})) {
      tags.set(k, v);
    }
    await call<pb.AnalyzerStackConfigureRequest, pb.AnalyzerStackConfigureResponse>(this.client.configureStack.bind(this.client), req);
  }

  async analyze(record: AnalyzedResource): Promise<Diagnostic[]> {
    const res = await call<pb.AnalyzeRequest, pb.AnalyzeResponse>(this.client.analyze.bind(this.client), analyzeRequest(record));
    return diagnosticsOf(res, "analyze", record.urn);
  }

  async analyzeStack(records: AnalyzedResource[]): Promise<Diagnostic[]> {
    const req = new pb.AnalyzeStackRequest();
    req.setResourcesList(records.map(analyzerResource));
    const res = await call<pb.AnalyzeStackRequest, pb.AnalyzeResponse>(this.client.analyzeStack.bind(this.client), req);
    return diagnosticsOf(res, "analyzeStack", "");
  }

  close(): void {
    this.client.close();
  }
}
