import { execFileSync } from "child_process";
import * as fs from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { API_KEY } from "../helpers/testKeys";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readInputBytes, readInputText, readInputJson, jsonDepthExceeds, InputFileError, SIZE_LIMITS, MAX_JSON_DEPTH } = require("../../tools/common/inputFile");

// The one reader for every file a user names. Each refusal is one sentence naming the setting and the
// file; none may wait on a writer, read a device until memory runs out, or echo a key.

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(tmpdir(), "input-file-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const at = (name: string) => path.join(dir, name);
const OPTIONS = { what: "--deployed", fix: "pass the plan's JSON" };

/** The refusal a read ends in: its reason and sentence. */
function refusal(read: () => unknown): { reason: string; message: string } {
  try {
    read();
  } catch (e) {
    expect(e).toBeInstanceOf(InputFileError);
    return { reason: (e as { reason: string }).reason, message: (e as Error).message };
  }
  throw new Error("the read was not refused");
}

describe("files that are not regular files", () => {
  it("refuses a FIFO at once, without waiting for a writer", () => {
    execFileSync("mkfifo", [at("fifo")]);
    expect(refusal(() => readInputText(at("fifo"), OPTIONS))).toEqual({
      reason: "not-regular",
      message: `--deployed ${at("fifo")} is a pipe, not a regular file: pass the plan's JSON.`,
    });
  });

  it.each(["/dev/zero", "/dev/null", "/dev/urandom"])("refuses the device %s before reading it", (device) => {
    expect(refusal(() => readInputBytes(device, OPTIONS))).toEqual({
      reason: "not-regular",
      message: `--deployed ${device} is a device, not a regular file: pass the plan's JSON.`,
    });
  });

  it("judges a symbolic link by what it points at: a link to /dev/zero is a device", () => {
    fs.symlinkSync("/dev/zero", at("zero-link"));
    expect(refusal(() => readInputText(at("zero-link"), OPTIONS)).message).toBe(
      `--deployed ${at("zero-link")} is a device, not a regular file: pass the plan's JSON.`,
    );
  });

  it("refuses a directory", () => {
    fs.mkdirSync(at("a-directory"));
    expect(refusal(() => readInputText(at("a-directory"), OPTIONS))).toEqual({
      reason: "not-regular",
      message: `--deployed ${at("a-directory")} is a directory, not a regular file: pass the plan's JSON.`,
    });
  });

  it("names a file that does not exist, and a symbolic link loop", () => {
    expect(refusal(() => readInputText(at("missing"), OPTIONS))).toEqual({
      reason: "not-found",
      message: `--deployed ${at("missing")} does not exist: pass the plan's JSON.`,
    });
    fs.symlinkSync(at("loop-b"), at("loop-a"));
    fs.symlinkSync(at("loop-a"), at("loop-b"));
    expect(refusal(() => readInputText(at("loop-a"), OPTIONS)).reason).toBe("unreadable");
  });
});

describe("size", () => {
  it("refuses a file over its cap by its size, before reading it, and states both", () => {
    fs.writeFileSync(at("huge"), "");
    fs.truncateSync(at("huge"), 3 * 1024 * 1024); // sparse
    expect(refusal(() => readInputText(at("huge"), { what: "the stack file", maxBytes: 2 * 1024 * 1024 }))).toEqual({
      reason: "too-large",
      message: `the stack file ${at("huge")} is 3 MiB, over the 2 MiB limit for this file.`,
    });
  });

  it("takes a file of exactly its cap", () => {
    fs.writeFileSync(at("exact"), "x".repeat(1024));
    expect(readInputText(at("exact"), { what: "f", maxBytes: 1024 })).toHaveLength(1024);
  });

  (fs.existsSync("/proc/self/status") ? it : it.skip)("reads a file that reports no size (/proc) to its end, still within the cap", () => {
    expect(fs.statSync("/proc/self/status").size).toBe(0);
    expect(readInputText("/proc/self/status", { what: "f" })).toMatch(/^Name:[\s\S]*\nPid:/);
    expect(refusal(() => readInputBytes("/proc/self/status", { what: "f", maxBytes: 16 })).message).toBe(
      "f /proc/self/status is over the 16 bytes limit for this file.",
    );
  });

  it("caps small files (profiles, keys) at 1 MiB unless told otherwise", () => {
    expect(SIZE_LIMITS.small).toBe(1024 * 1024);
    fs.writeFileSync(at("just-over"), "");
    fs.truncateSync(at("just-over"), SIZE_LIMITS.small + 1);
    expect(refusal(() => readInputBytes(at("just-over"), { what: "key_file" })).message).toBe(
      `key_file ${at("just-over")} is 1 MiB, over the 1 MiB limit for this file.`,
    );
  });
});

describe("content", () => {
  it("names a binary file as binary, not as text with settings missing", () => {
    fs.writeFileSync(at("binary"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]));
    expect(refusal(() => readInputText(at("binary"), OPTIONS))).toEqual({
      reason: "binary",
      message: `--deployed ${at("binary")} is a binary file, not text: pass the plan's JSON.`,
    });
  });

  it("names text that is not UTF-8", () => {
    fs.writeFileSync(at("latin1"), Buffer.from("name: caf\xe9\n", "latin1"));
    expect(refusal(() => readInputText(at("latin1"), OPTIONS))).toEqual({
      reason: "not-utf8",
      message: `--deployed ${at("latin1")} is not UTF-8 text: pass the plan's JSON.`,
    });
  });

  it("drops a leading byte-order mark, as editors on Windows write one", () => {
    fs.writeFileSync(at("bom"), '\ufeff{"a":1}');
    expect(readInputJson(at("bom"), OPTIONS)).toEqual({ a: 1 });
  });

  it("refuses JSON nested deeper than the bound before parsing it (no stack overflow)", () => {
    fs.writeFileSync(at("deep.json"), "[".repeat(100_000) + "]".repeat(100_000));
    expect(refusal(() => readInputJson(at("deep.json"), OPTIONS))).toEqual({
      reason: "too-deep",
      message: `--deployed ${at("deep.json")} nests JSON deeper than ${MAX_JSON_DEPTH} levels: pass the plan's JSON.`,
    });
  });

  it("takes JSON exactly at the bound, and counts no bracket inside a string", () => {
    fs.writeFileSync(at("at-bound.json"), "[".repeat(MAX_JSON_DEPTH) + "]".repeat(MAX_JSON_DEPTH));
    expect(readInputJson(at("at-bound.json"), OPTIONS)).toBeDefined();
    expect({
      "brackets inside a string": jsonDepthExceeds(`{"a": "${"[".repeat(500)}\\"[["}`, 2),
      "three levels": jsonDepthExceeds("[[[]]]", 2),
    }).toEqual({ "brackets inside a string": false, "three levels": true });
  });

  it("names a file that is not JSON", () => {
    fs.writeFileSync(at("not.json"), "resources: []\n");
    expect(refusal(() => readInputJson(at("not.json"), OPTIONS))).toEqual({
      reason: "not-json",
      message: `--deployed ${at("not.json")} is not JSON: pass the plan's JSON.`,
    });
  });
});

describe("names that are not file names", () => {
  const pem = API_KEY.export({ type: "pkcs1", format: "pem" }) as string;

  it("says a key's content given as a file name is one, without echoing it", () => {
    const r = refusal(() => readInputText(pem, { what: "oke-token: key_file" }));
    expect(r).toEqual({ reason: "not-a-path", message: "oke-token: key_file [secret] is the content of a private key, not a file name." });
  });

  it("escapes control characters and cuts a very long name", () => {
    expect(refusal(() => readInputText("/nope\n\u001b[31m", OPTIONS)).message).toBe("--deployed /nope\\n\\u001b[31m does not exist: pass the plan's JSON.");
    const long = `/${"d".repeat(5000)}`;
    const r = refusal(() => readInputText(long, OPTIONS));
    expect(r.reason).toBe("not-a-path");
    expect(r.message).toMatch(/^--deployed \/d{199}… \(5001 characters\) is too long to be a file name: pass the plan's JSON\.$/);
  });

  it("refuses an empty name and one with a NUL byte in one sentence", () => {
    expect(refusal(() => readInputText("", OPTIONS)).message).toBe('--deployed "" is empty, not a file name: pass the plan\'s JSON.');
    expect(refusal(() => readInputText("a\0b", OPTIONS)).message).toBe(
      "--deployed a\\u0000b contains a NUL byte, so it cannot be a file name: pass the plan's JSON.",
    );
  });
});
