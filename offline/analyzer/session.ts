import * as path from "path";
import {
  PolicyConfigEntry,
  PolicyPackConfigFile,
  parsePolicyPackConfig,
  reconcilePolicyPackConfig,
  validatePolicyPackConfig,
} from "./config";
import type { AnalyzerConnection, AnalyzerInfo, Diagnostic } from "./protocol";
import { PackProcess, startPackProcess } from "./process";
import { AnalyzedResource } from "./records";

/**
 * A running policy pack plus the CLI's side of the conversation: GetAnalyzerInfo, Configure with the
 * reconciled config, ConfigureStack, one Analyze per resource, then AnalyzeStack.
 */

/** This repository's pack (policies/), resolved from this file so callers need no cwd. */
export const DEFAULT_PACK_DIR = path.resolve(__dirname, "..", "..", "policies");
const DEFAULT_PROJECT = "oke-quick-create";
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
  return sharedPacks ? sharedSession(sharedPacks, options) : startPackSession(options);
}

async function startPackSession(options: StartOptions): Promise<PolicyPackSession> {
  const startedAt = Date.now();
  const project = options.project ?? DEFAULT_PROJECT;
  const stack = options.stack ?? DEFAULT_STACK;
  const dryRun = options.dryRun ?? true;
  const starting = startPackProcess({
    packDir: options.packDir ?? DEFAULT_PACK_DIR,
    project,
    stack,
    organization: options.organization,
    dryRun,
    stackConfig: options.stackConfig,
    startTimeoutMs: options.startTimeoutMs,
    preload: options.preload,
    signal: options.signal,
  });
  // gRPC and the protocol buffers load once the pack is spawned, while it starts: the pack's own start
  // is the longest step of a plan, so nothing should run ahead of it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AnalyzerConnection: Connection } = require("./protocol") as typeof import("./protocol");
  const pack: PackProcess = await starting;
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
      let lastDiagnosticAt = Date.now();
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

/**
 * Within one test file, plans that would start identical packs share one process instead. A pack is
 * identical when everything the CLI puts into its environment is (folder, project, stack, dry run,
 * stack config), and every run still sends its own Configure and ConfigureStack, as a fresh pack
 * gets. Runs take turns, since Configure sets the pack's config for the calls after it. Off unless a
 * caller turns it on; `npm start` always starts its own pack.
 */
let sharedPacks: Map<string, SharedPack> | undefined;

interface SharedPack {
  started: Promise<PolicyPackSession>;
  /** Plans that asked for this pack and did not abandon it. */
  users: number;
  abandon: AbortController;
}

export interface SharedPolicyPacks {
  /**
   * Starts, beside the others, the pack a later start with the same options will get: plans that
   * run one after another (the Pulumi runtime is one per process) need not wait for their packs in turn.
   * Settles once the pack is up (or failed to start); after closeAll it starts nothing.
   */
  startAhead(options: StartOptions): Promise<void>;
  /** Stops every shared pack and turns sharing off again. */
  closeAll(): Promise<void>;
}

export function sharePolicyPacks(): SharedPolicyPacks {
  const packs = (sharedPacks ??= new Map());
  return {
    async startAhead(options) {
      if (sharedPacks !== packs) return; // closed: a pack started now would never be stopped
      // A failed start is reported to the plan that asks for it (and then started again).
      await sharedSession(packs, options).catch(() => undefined);
    },
    async closeAll() {
      sharedPacks = undefined;
      const sessions = await Promise.all([...packs.values()].map((p) => p.started.catch(() => undefined)));
      packs.clear();
      await Promise.all(sessions.map((s) => s?.close()));
    },
  };
}

/** The last run queued on each shared pack; the next one starts after it. */
const turns = new WeakMap<PolicyPackSession, Promise<unknown>>();

function sharedSession(packs: Map<string, SharedPack>, options: StartOptions): Promise<PolicyPackSession> {
  // Keyed by what the pack's process gets, defaults applied as startPackSession applies them.
  const key = JSON.stringify([
    path.resolve(options.packDir ?? DEFAULT_PACK_DIR),
    options.project ?? DEFAULT_PROJECT,
    options.stack ?? DEFAULT_STACK,
    options.organization ?? null,
    options.dryRun ?? true,
    Object.entries(options.stackConfig ?? {}).sort(([a], [b]) => a.localeCompare(b)),
    options.preload ?? null,
  ]);
  let pack = packs.get(key);
  if (!pack) {
    const abandon = new AbortController();
    const created: SharedPack = { started: startPackSession({ ...options, signal: abandon.signal }), users: 0, abandon };
    packs.set(key, created);
    // A pack that failed to start is not kept: the next plan starts (and reports) its own.
    created.started.catch(() => packs.get(key) === created && packs.delete(key));
    pack = created;
  }
  const entry = pack;
  entry.users += 1;
  // A start that every plan asking for it abandoned (their programs failed) is stopped, as an unshared
  // one is; once one plan has used the pack it stays for the next.
  options.signal?.addEventListener(
    "abort",
    () => {
      entry.users -= 1;
      if (entry.users > 0) return;
      if (packs.get(key) === entry) packs.delete(key);
      entry.abandon.abort();
      // Past the port already, the abort stops nothing: the session closes once it is up.
      entry.started.then((session) => session.close(), () => undefined);
    },
    { once: true },
  );
  const started = entry.started;
  return started.then((session) => {
    const shared: PolicyPackSession = {
      ...session,
      run(records, runOptions) {
        const result = (turns.get(session) ?? Promise.resolve()).then(() => session.run(records, runOptions));
        turns.set(session, result.catch(() => undefined));
        return result;
      },
      // The owner of the sharing stops the process (closeAll); a plan's close only ends its use.
      close: async () => undefined,
    };
    return shared;
  });
}
