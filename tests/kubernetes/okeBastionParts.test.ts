import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import { tmpdir } from "os";
import * as path from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const ssh = require("../../tools/oke-bastion/ssh");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { apiEndpoint } = require("../../tools/oke-bastion/kubeconfig");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sessionHost } = require("../../tools/oke-bastion/sessions");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sessionKey } = require("../../tools/oke-bastion/keys");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseArgs } = require("../../tools/oke-bastion/args");

const SESSION = "ocid1.bastionsession.oc1.ap-tokyo-1.amaaaaaaexample";
const HOST = "host.bastion.ap-tokyo-1.oci.oraclecloud.com";
const haveSsh = spawnSync("ssh", ["-V"]).status === 0;
const haveKeygen = spawnSync("ssh-keygen", ["-?"]).error === undefined;

/** `ssh -G` resolves a command line into its effective configuration without connecting. */
function resolved(args: string[]): Record<string, string> {
  const out = execFileSync("ssh", ["-F", "/dev/null", "-G", ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  return Object.fromEntries(
    out
      .split("\n")
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf(" ")), l.slice(l.indexOf(" ") + 1)]),
  );
}

(haveSsh ? describe : describe.skip)("the ssh command lines, as the system OpenSSH reads them", () => {
  it("ssh: the node is the destination, the bastion session is the ProxyCommand", () => {
    const c = resolved(ssh.sshThroughSession({ sessionId: SESSION, host: HOST, port: 22, keyFile: "/tmp/a dir/key", node: "10.0.10.3", user: "opc" }));
    expect(c.hostname).toBe("10.0.10.3");
    expect(c.user).toBe("opc");
    expect(c.stricthostkeychecking).toBe("accept-new");
    expect(c.proxycommand).toBe(
      `ssh -i '/tmp/a dir/key' -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o ServerAliveInterval=30 -W %h:%p -p 22 ${SESSION}@${HOST}`,
    );
  });

  it("tunnel: the session is the destination, with a local forward on 127.0.0.1 and no prompts", () => {
    const c = resolved(
      ssh.tunnelThroughSession({ sessionId: SESSION, host: HOST, port: 22, keyFile: "/tmp/k", localPort: 16443, target: { ip: "10.0.0.2", port: 6443 } }),
    );
    expect(c).toMatchObject({
      hostname: HOST,
      user: SESSION,
      port: "22",
      batchmode: "yes",
      identitiesonly: "yes",
      exitonforwardfailure: "yes",
      localforward: "[127.0.0.1]:16443 [10.0.0.2]:6443",
    });
  });
});

describe("finding the private endpoint in a kubeconfig", () => {
  const kubeconfig = (server: string) =>
    `apiVersion: v1\nclusters:\n- name: c\n  cluster:\n    server: ${server}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n`;

  it("reads OKE's private endpoint", () => {
    expect(apiEndpoint(kubeconfig("https://10.0.0.2:6443"), "f")).toEqual({ ip: "10.0.0.2", port: 6443 });
  });

  it("refuses a public endpoint with exit 2: there is nothing to tunnel", () => {
    expect(() => apiEndpoint(kubeconfig("https://203.0.113.10:6443"), "--kubeconfig f")).toThrow(
      expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/talks to https:\/\/203\.0\.113\.10:6443, which is not a private endpoint/) }),
    );
  });
});

describe("the session host", () => {
  it("comes from sshMetadata.command, as OCI writes it", () => {
    const command = `ssh -i <privateKey> -N -L <localPort>:10.0.10.3:22 -p 22 ${SESSION}@host.bastion.eu-frankfurt-1.oci.oraclecloud.com`;
    expect(sessionHost({ id: SESSION, lifecycleState: "ACTIVE", sshMetadata: { command } }, "ap-tokyo-1")).toEqual({
      host: "host.bastion.eu-frankfurt-1.oci.oraclecloud.com",
      port: 22,
    });
  });

  it("falls back to the region's commercial-realm name", () => {
    expect(sessionHost({ id: SESSION, lifecycleState: "ACTIVE" }, "ap-tokyo-1")).toEqual({ host: HOST, port: 22 });
  });
});

(haveKeygen ? describe : describe.skip)("the public key of --identity", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(tmpdir(), "oke-bastion-keys-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("is derived from an OpenSSH ed25519 key without .pub exactly as ssh-keygen -y derives it", async () => {
    const key = path.join(dir, "id_ed25519");
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "", "-f", key]);
    const expected = execFileSync("ssh-keygen", ["-y", "-f", key], { encoding: "utf8" }).trim().split(" ").slice(0, 2).join(" ");
    fs.rmSync(`${key}.pub`);
    expect((await sessionKey(key)).publicKey.split(" ").slice(0, 2).join(" ")).toBe(expected);
  });

  it("of an encrypted key without .pub is a usage error naming the fix", () => {
    // ssh-keygen encrypts a copy of a fixed test key (OpenSSH format, as it writes new keys): making a
    // new RSA key would cost a prime search, and -p writes no .pub.
    const key = path.join(dir, "id_rsa");
    fs.copyFileSync(path.join(__dirname, "..", "fixtures", "other-test-key.pem"), key);
    fs.chmodSync(key, 0o600);
    execFileSync("ssh-keygen", ["-q", "-p", "-a", "1", "-P", "", "-N", "secret", "-f", key]);
    expect(fs.readFileSync(key, "utf8")).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
    expect([`${key}.pub`].filter(fs.existsSync)).toEqual([]);
    expect(() => sessionKey(key)).toThrow(
      expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/is encrypted and has no .*\.pub next to it; write one with `ssh-keygen -y -f/) }),
    );
  });
});

describe("the command line", () => {
  it.each([
    [[], /say what to open, ssh or tunnel/],
    [["scp", "10.0.10.3"], /unknown command "scp"/],
    [["ssh", "10.0.10.3", "10.0.10.4"], /ssh takes exactly one node private IP \(got "10\.0\.10\.3" "10\.0\.10\.4"\)/],
    [["ssh", "10.0.10.300"], /"10\.0\.10\.300" is not a node's private IPv4 address/],
    [["ssh", "10.0.10.3", "--user", "opc;rm"], /--user "opc;rm" is not a login name/],
    [["ssh", "10.0.10.3", "--wait-timeout", "0"], /--wait-timeout "0" is not a whole number from 1 to 3600/],
    [["tunnel"], /tunnel needs --to <private ip:port> or --to api/],
    [["tunnel", "--to", "10.0.0.2"], /--to "10\.0\.0\.2" is not a private IPv4 address and port/],
    [["tunnel", "--to", "api", "--local-port", "70000"], /--local-port "70000" is not a whole number from 1 to 65535/],
    [["tunnel", "--to", "api", "--identity", "k"], /unknown argument "--identity"/],
    [["ssh", "10.0.10.3", "--bastion-id"], /--bastion-id needs a value/],
  ])("%j is a usage error (exit 2) in one sentence", (argv, pattern) => {
    let error: any;
    try {
      parseArgs(argv);
    } catch (e) {
      error = e;
    }
    expect(error?.exitCode).toBe(2);
    expect(error.message).toMatch(pattern);
    expect(error.message).toMatch(/^oke-bastion: [^\n]+\.$/);
  });

  it("takes --flag=value and defaults the user to opc and the wait to 300 s", () => {
    expect(parseArgs(["ssh", "10.0.10.3", "--bastion-id=ocid1.bastion.oc1.x.y"])).toMatchObject({
      command: "ssh",
      node: "10.0.10.3",
      user: "opc",
      bastionId: "ocid1.bastion.oc1.x.y",
      waitTimeoutSeconds: 300,
    });
  });
});
