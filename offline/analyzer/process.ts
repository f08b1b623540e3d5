import { ChildProcess, spawn } from "child_process";
import * as path from "path";

/**
 * Starting and stopping a policy pack the way the Pulumi CLI does: the nodejs language host resolves
 * `@pulumi/pulumi/cmd/run-policy-pack` from the pack's directory (so a hoisted npm-workspaces
 * node_modules works), runs `node <run-policy-pack> <engine-address> .` with the pack directory as
 * working directory and PULUMI_* variables in the environment, and reads the port from the first line
 * the pack prints.
 */
export interface PackProcessOptions {
  packDir: string;
  project?: string;
  stack?: string;
  organization?: string;
  dryRun?: boolean;
  /** Stack config, passed as PULUMI_CONFIG the way the CLI does (key → string value). */
  stackConfig?: Record<string, string>;
  env?: NodeJS.ProcessEnv;
  startTimeoutMs?: number;
  /**
   * A module node requires before Pulumi's runner (NODE_OPTIONS --require). Without one the pack starts
   * exactly as the CLI starts it.
   */
  preload?: string;
  /** Aborted while the pack still starts (the program failed, say): it is stopped at once. */
  signal?: AbortSignal;
}

export interface PackProcess {
  child: ChildProcess;
  port: number;
  /** Everything the pack wrote to stderr so far (ts-node errors land here). */
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * The pack never talks to the engine: run-policy-pack drops the address and the policy SDK only logs
 * to the console. The CLI still passes its host address first, so a placeholder keeps argv identical.
 */
const ENGINE_ADDRESS_PLACEHOLDER = "127.0.0.1:0";

export function runPolicyPackScript(packDir: string): string {
  return require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [path.resolve(packDir)] });
}

function packEnv(options: PackProcessOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  const set = (key: string, value: string | undefined) => {
    if (value !== undefined && value !== "") {
      env[key] = value;
    }
  };
  set("PULUMI_CONFIG", options.stackConfig ? JSON.stringify(options.stackConfig) : undefined);
  set("PULUMI_NODEJS_PROJECT", options.project);
  set("PULUMI_NODEJS_STACK", options.stack);
  set("PULUMI_NODEJS_ORGANIZATION", options.organization);
  set("PULUMI_NODEJS_DRY_RUN", options.dryRun === undefined ? undefined : String(options.dryRun));
  set("PULUMI_PROJECT", options.project);
  set("PULUMI_STACK", options.stack);
  set("PULUMI_ORGANIZATION", options.organization);
  set("PULUMI_DRY_RUN", options.dryRun === undefined ? undefined : String(options.dryRun));
  if (options.preload) env.NODE_OPTIONS = [env.NODE_OPTIONS, `--require ${JSON.stringify(path.resolve(options.preload))}`].filter(Boolean).join(" ");
  return env;
}

export function startPackProcess(options: PackProcessOptions): Promise<PackProcess> {
  const packDir = path.resolve(options.packDir);
  const child = spawn(process.execPath, [runPolicyPackScript(packDir), ENGINE_ADDRESS_PLACEHOLDER, "."], {
    cwd: packDir,
    env: packEnv(options),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => (stderr += String(chunk)));

  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    // The CLI closes the connection and kills the plugin; SIGKILL follows if the pack ignores SIGTERM.
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
    await exited;
    clearTimeout(timer);
  };

  return new Promise<PackProcess>((resolve, reject) => {
    let stdout = "";
    const timeout = setTimeout(() => {
      void stop();
      reject(new Error(`policy pack in ${packDir} printed no port within ${options.startTimeoutMs ?? 60000} ms\n${stderr}`));
    }, options.startTimeoutMs ?? 60000);
    // Nobody waits for a pack whose plan has already failed: it is stopped mid-start, not awaited.
    let abandoned = false;
    const abort = () => {
      abandoned = true;
      clearTimeout(timeout);
      void stop().then(() => reject(new Error(`policy pack (pid ${child.pid}) stopped mid-start: the plan no longer needs it`)));
    };
    const onData = (chunk: Buffer) => {
      stdout += String(chunk);
      const newline = stdout.indexOf("\n");
      if (newline < 0) {
        return;
      }
      child.stdout?.off("data", onData);
      child.stdout?.resume(); // keep draining later console output so the pipe never fills
      clearTimeout(timeout);
      const port = Number(stdout.slice(0, newline).trim());
      if (!Number.isInteger(port) || port <= 0) {
        void stop();
        reject(new Error(`policy pack printed "${stdout.slice(0, newline)}" instead of a port\n${stderr}`));
        return;
      }
      options.signal?.removeEventListener("abort", abort);
      resolve({ child, port, stderr: () => stderr, stop });
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timeout);
      if (abandoned) return;
      reject(new Error(`policy pack exited (code ${code}, signal ${signal}) before printing its port\n${stderr}`));
    });
    if (options.signal?.aborted) abort();
    else options.signal?.addEventListener("abort", abort, { once: true });
  });
}
