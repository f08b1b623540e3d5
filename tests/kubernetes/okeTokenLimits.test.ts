import { execFileSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { run } from "../../tools/oke-token/cli";
import { API_KEY, TEST_PROFILE } from "../helpers/testKeys";

// Values OCI would only answer with "401 NotAuthenticated" (or that would make the command wait
// forever under kubectl) are refused before any key is read or anything signed.

const CLUSTER_ID = "ocid1.cluster.oc1.ap-tokyo-1.aaaaaaaaexamplecluster";
const GOOD = TEST_PROFILE;
const PEM = API_KEY.export({ type: "pkcs1", format: "pem" });

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "oke-token-limits-"));
  writeFileSync(join(home, "key.pem"), PEM);
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function profile(overrides: Record<string, string> = {}): string {
  const file = join(home, "config");
  const values = { ...GOOD, key_file: join(home, "key.pem"), ...overrides };
  writeFileSync(
    file,
    `[DEFAULT]\n${Object.entries(values)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n")}\n`,
  );
  return file;
}

function token(args: string[], env: NodeJS.ProcessEnv = {}) {
  return run(["--cluster-id", CLUSTER_ID, ...args], { HOME: home, ...env }, new Date("2025-06-03T09:05:07Z"));
}

function expectOneSentence(stderr: string) {
  expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(stderr).toMatch(/^oke-token: .+\.\n$/);
}

describe("oke-token credential checks", () => {
  it("signs with a well-formed profile (the baseline the other cases break)", () => {
    expect(token(["--config-file", profile()]).code).toBe(0);
  });

  it.each([
    ["ff:ff", "too few pairs"],
    ["12:34:56:78:9a:bc:de:f0:12:34:56:78:9a:bc:de", "15 pairs"],
    ["12345678 9abcdef0 12345678 9abcdef0", "not colon-separated"],
    ["zz:34:56:78:9a:bc:de:f0:12:34:56:78:9a:bc:de:f0", "not hex"],
  ])("refuses fingerprint %j (%s) as a credential error", (fingerprint) => {
    const r = token(["--config-file", profile({ fingerprint })]);
    expect(r.code).toBe(1);
    expectOneSentence(r.stderr);
    expect(r.stderr).toContain(`fingerprint "${fingerprint}"`);
    expect(r.stderr).toContain("16 colon-separated hex pairs");
  });

  it.each([
    ["user", "alice@example.com"],
    ["user", "ocid1.tenancy.oc1..aaaaaaaatenancy"],
    ["tenancy", "mytenancy"],
    ["tenancy", "ocid1.compartment.oc1..aaaaaaaacompartment"],
  ])("refuses %s %j that is not that kind of OCID", (key, value) => {
    const r = token(["--config-file", profile({ [key]: value })]);
    expect(r.code).toBe(1);
    expectOneSentence(r.stderr);
    expect(r.stderr).toContain(`${key} "${value}"`);
    expect(r.stderr).toContain(`not a ${key} OCID`);
  });

  it("names the environment variable when the bad value came from it", () => {
    const r = token(["--config-file", profile()], { OCI_CLI_FINGERPRINT: "ab:cd" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("(from OCI_CLI_FINGERPRINT)");
  });
});

describe("oke-token reads only regular files", () => {
  it("refuses a FIFO as --config-file at once instead of waiting for a writer", () => {
    const fifo = join(home, "fifo");
    execFileSync("mkfifo", [fifo]);
    // The read is synchronous: a command that waited for a writer would never return here.
    const r = token(["--config-file", fifo]);
    expect(r.code).toBe(1);
    expectOneSentence(r.stderr);
    expect(r.stderr).toContain("is a pipe, not a regular file");
  });

  it.each(["/dev/zero", "/dev/null"])("refuses the device %s as key_file", (device) => {
    const r = token(["--config-file", profile({ key_file: device })]);
    expect(r.code).toBe(1);
    expectOneSentence(r.stderr);
    expect(r.stderr).toContain(`key_file ${device}`);
    expect(r.stderr).toContain("not a regular file");
  });

  it("refuses a FIFO as key_file and a directory as --config-file", () => {
    const fifo = join(home, "keyfifo");
    execFileSync("mkfifo", [fifo]);
    const r = token(["--config-file", profile({ key_file: fifo })]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("is a pipe, not a regular file");
    const dir = token(["--config-file", home]);
    expect(dir.code).toBe(1);
    expect(dir.stderr).toContain("is a directory, not a regular file");
  });
});

describe("oke-token --region", () => {
  it.each(["../evil", "evil.example.com/x", "US ASHBURN", "", "us-ashburn-1."])("is a usage error for %j", (region) => {
    const r = token(["--config-file", profile(), `--region=${region}`]);
    expect(r.code).toBe(2);
    expectOneSentence(r.stderr);
    expect(r.stderr).toContain("--region");
  });

  it.each(["us-ashburn-1", "us-gov-ashburn-1", "me-dcc-muscat-1"])("accepts the region identifier %s", (region) => {
    expect(token(["--config-file", profile(), "--region", region]).code).toBe(0);
  });
});
