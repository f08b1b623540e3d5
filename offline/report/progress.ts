/**
 * Progress on stderr while slow steps run (starting the policy pack takes a second or two). A spinner
 * only on an interactive terminal: CI logs and pipes get one line per finished step, no carriage
 * returns. A step that fails leaves no line of its own, so a refusal is the one line on stderr.
 */
export interface Progress {
  step<T>(label: string, work: () => Promise<T>): Promise<T>;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

export function wantsSpinner(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI !== undefined && env.CI !== "" && env.CI !== "false" && env.CI !== "0";
  return stream.isTTY === true && !ci && env.TERM !== "dumb";
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): Progress {
  const spinner = wantsSpinner(stream, env);
  return {
    async step(label, work) {
      const started = Date.now();
      const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
      let frame = 0;
      const timer = spinner ? setInterval(() => stream.write(`\r${FRAMES[frame++ % FRAMES.length]} ${label}… ${elapsed()}`), 80) : undefined;
      try {
        const result = await work();
        stream.write(timer ? `\r\x1b[2K✓ ${label} (${elapsed()})\n` : `${label} (${elapsed()})\n`);
        return result;
      } catch (err) {
        if (timer) stream.write("\r\x1b[2K");
        throw err;
      } finally {
        if (timer) clearInterval(timer);
      }
    },
  };
}
