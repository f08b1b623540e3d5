import * as path from "path";
import { PROJECT_NAME } from "../../policies/contract";
import { PolicyConfigEntry, PolicyPackConfigFile, parsePolicyPackConfig, reconcilePolicyPackConfig, validatePolicyPackConfig } from "./config";
import type { AnalyzerConnection, AnalyzerInfo, Diagnostic } from "./protocol";
import { startPackProcess } from "./process";
import { AnalyzedResource } from "./records";

/**
 * A running policy pack plus the CLI's side of the conversation: GetAnalyzerInfo, Configure with the
 * reconciled config, ConfigureStack, one Analyze per resource, then AnalyzeStack.
 */

/** This repository's pack (policies/), resolved from this file so callers need no cwd. */
export const DEFAULT_PACK_DIR = path.resolve(__dirname, "..", "..", "policies");
const DEFAULT_PROJECT = PROJECT_NAME;
const DEFAULT_STACK = "dev";

export interface StartOptions {
  packDir?: string;
  project?: string;
  stack?: string;
  organization?: string;
  /** true for a preview (the default), false for an update. */
  dryRun?: boolean;
  stackConfig?: Record<string, string>;
  startTimeoutMs?: number;
  /** A module the pack's node requires before Pulumi's runner (see PackProcessOptions.preload). */
  preload?: string;
  /** Stops the pack while it starts. A shared pack stops only once every plan that asked for it did so. */
  signal?: AbortSignal;
}

export interface StackContext {
  project: string;
  stack: string;
  organization?: string;
  dryRun: boolean;
  tags?: Record<string, string>;
}

export interface AnalysisReport {
  diagnostics: Diagnostic[];
  mandatory: Diagnostic[];
  advisory: Diagnostic[];
  /** Policies the server turned into advisory "can't run … during preview" because they read an unknown value. */
  downgradedInPreview: Diagnostic[];
  /** The config the pack was configured with, after reconciliation. */
  config: Record<string, PolicyConfigEntry>;
  timings: {
    /** From the call that started the pack (or of this run, for a reused session) to the last diagnostic. */
    toLastDiagnosticMs: number;
    analyzeMs: number;
    analyzeStackMs: number;
  };
}

export interface PolicyPackSession {
  readonly port: number;
  readonly info: AnalyzerInfo;
  /** Milliseconds from spawning the pack to a successful GetAnalyzerInfo. */
  readonly startupMs: number;
  /** Reconciles `config` like `--policy-pack-config` and sends it; returns what was sent. */
  configure(config?: PolicyPackConfigFile): Promise<Record<string, PolicyConfigEntry>>;
  configureStack(context: StackContext): Promise<void>;
  analyze(record: AnalyzedResource): Promise<Diagnostic[]>;
  analyzeStack(records: AnalyzedResource[]): Promise<Diagnostic[]>;
  /** The whole CLI sequence for one preview or update of `records`. */
  run(records: AnalyzedResource[], options?: RunOptions): Promise<AnalysisReport>;
  /** Pack's stderr so far, for error messages. */
  stderr(): string;
  close(): Promise<void>;
}

export interface RunOptions {
  config?: PolicyPackConfigFile;
  stack?: Partial<StackContext>;
}

const DOWNGRADE = /^can't run policy '.*' from policy pack '.*' during preview:/;

export function isPreviewDowngrade(d: Diagnostic): boolean {
  return DOWNGRADE.test(d.message);
}

export function startPolicyPack(options: StartOptions = {}): Promise<PolicyPackSession> {
  return packSource ? packSource(options) : startPackSession(options);
}

/**
 * Where startPolicyPack gets its packs instead of starting one per call: a test run sets one that
 * shares the packs of one run across its test files (tests/helpers/brokeredPacks.ts). `npm start`
 * never sets one, and always starts its own pack.
 */
export type PackSource = (options: StartOptions) => Promise<PolicyPackSession>;
let packSource: PackSource | undefined;

export function setPackSource(source: PackSource | undefined): void {
  packSource = source;
}

/** What tells two packs apart: everything the CLI puts into the pack's environment, defaults applied. */
export function packKey(options: StartOptions): string {
  return JSON.stringify([
    path.resolve(options.packDir ?? DEFAULT_PACK_DIR),
    options.project ?? DEFAULT_PROJECT,
    options.stack ?? DEFAULT_STACK,
    options.organization ?? null,
    options.dryRun ?? true,
    Object.entries(options.stackConfig ?? {}).sort(([a], [b]) => a.localeCompare(b)),
    options.preload ?? null,
  ]);
}

/** The process behind a session: started by it, or by whoever shares it (then `stop` only lets go). */
export interface PackEndpoint {
  port: number;
  stderr(): string;
  stop(): Promise<void>;
}

async function startPackSession(options: StartOptions): Promise<PolicyPackSession> {
  const startedAt = Date.now();
  const starting = startPackProcess({
    packDir: options.packDir ?? DEFAULT_PACK_DIR,
    project: options.project ?? DEFAULT_PROJECT,
    stack: options.stack ?? DEFAULT_STACK,
    organization: options.organization,
    dryRun: options.dryRun ?? true,
    stackConfig: options.stackConfig,
    startTimeoutMs: options.startTimeoutMs,
    preload: options.preload,
    signal: options.signal,
  });
  // gRPC and the protocol buffers load once the pack is spawned, while it starts: the pack's own start
  // is the longest step of a plan, so nothing should run ahead of it.
  loadProtocol();
  return connectPackSession(await starting, options, startedAt);
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadProtocol = () => require("./protocol") as typeof import("./protocol");

/** A session on a pack that is up: GetAnalyzerInfo, then the CLI's calls; `startedAt` is when its start began. */
export async function connectPackSession(pack: PackEndpoint, options: StartOptions, startedAt = Date.now()): Promise<PolicyPackSession> {
  const project = options.project ?? DEFAULT_PROJECT;
  const stack = options.stack ?? DEFAULT_STACK;
  const dryRun = options.dryRun ?? true;
  const { AnalyzerConnection: Connection } = loadProtocol();
  const connection: AnalyzerConnection = new Connection(pack.port);
  let info: AnalyzerInfo;
  try {
    info = await connection.getAnalyzerInfo();
  } catch (e) {
    connection.close();
    await pack.stop();
    throw e;
  }
  const startupMs = Date.now() - startedAt;
  let firstRun = true;

  const session: PolicyPackSession = {
    port: pack.port,
    info,
    startupMs,
    stderr: pack.stderr,
    async configure(config) {
      const reconciled = reconcilePolicyPackConfig(info.policies, info.initialConfig, parsePolicyPackConfig(config));
      const errors = validatePolicyPackConfig(info.policies, reconciled);
      if (errors.length > 0) {
        throw new Error(`validating policy config: ${info.name} ${info.version}\n${errors.join("\n")}`);
      }
      await connection.configure(reconciled);
      return reconciled;
    },
    configureStack: (context) => connection.configureStack(context),
    analyze: (record) => connection.analyze(record),
    analyzeStack: (records) => connection.analyzeStack(records),
    async run(records, runOptions = {}) {
      // The first run is charged from the pack's start, as in a CLI preview; later runs from their call.
      const runStartedAt = firstRun ? startedAt : Date.now();
      firstRun = false;
      const config = await session.configure(runOptions.config);
      await session.configureStack({ project, stack, dryRun, ...runOptions.stack });
      const diagnostics: Diagnostic[] = [];
      let lastDiagnosticAt: number;
      const analyzeStart = Date.now();
      // The engine sends one Analyze per resource as each registers. Each call stands alone (the pack
      // keeps nothing between them), so they go out together instead of a round trip at a time; the
      // answers are kept in resource order, as the engine reports them.
      const answers = await Promise.all(
        records.map(async (record) => {
          const found = await session.analyze(record);
          if (found.length > 0) lastDiagnosticAt = Date.now();
          return found;
        }),
      );
      for (const found of answers) diagnostics.push(...found);
      const analyzeMs = Date.now() - analyzeStart;
      const stackStart = Date.now();
      const stackFound = await session.analyzeStack(records);
      diagnostics.push(...stackFound);
      lastDiagnosticAt = Date.now();
      return {
        diagnostics,
        mandatory: diagnostics.filter((d) => d.enforcementLevel === "mandatory"),
        advisory: diagnostics.filter((d) => d.enforcementLevel === "advisory"),
        downgradedInPreview: diagnostics.filter(isPreviewDowngrade),
        config,
        timings: { toLastDiagnosticMs: lastDiagnosticAt - runStartedAt, analyzeMs, analyzeStackMs: lastDiagnosticAt - stackStart },
      };
    },
    async close() {
      connection.close();
      await pack.stop();
    },
  };
  return session;
}

/** Start the pack, analyze `records` once, stop the pack: what one `pulumi preview --policy-pack` does. */
export async function analyzeRecords(records: AnalyzedResource[], options: StartOptions & RunOptions = {}): Promise<AnalysisReport> {
  const session = await startPolicyPack(options);
  try {
    return await session.run(records, options);
  } finally {
    await session.close();
  }
}
