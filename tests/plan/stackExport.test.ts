import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { execFileSync } from "child_process";
import { readDeployedFile } from "../../offline/inputs/deployedFile";
import { PlanInputError } from "../../offline/report/errors";

// `--deployed` reading what `pulumi stack export` writes (tests/fixtures/stack-export, in the CLI's
// exact shape), without running the program: which resources count, what a secret becomes, and every
// refusal as one sentence naming the file.

const FIXTURES = path.resolve(__dirname, "..", "fixtures", "stack-export");
const ENCRYPTED = path.join(FIXTURES, "dev.json");
const SHOW_SECRETS = path.join(FIXTURES, "dev-show-secrets.json");
const DEV = { stack: "dev", project: "oke-quick-create" };
const DIR = fs.mkdtempSync(path.join(os.tmpdir(), "stack-export-"));
afterAll(() => fs.rmSync(DIR, { recursive: true, force: true }));

const fixture = () => JSON.parse(fs.readFileSync(ENCRYPTED, "utf8"));

function write(name: string, doc: unknown): string {
  const file = path.join(DIR, name);
  fs.writeFileSync(file, typeof doc === "string" ? doc : JSON.stringify(doc));
  return file;
}

/** The one sentence a refusal gives (and that it is a refusal, not a crash). */
function refusal(file: string, expected = DEV): string {
  try {
    readDeployedFile(file, expected);
  } catch (err) {
    expect(err).toBeInstanceOf(PlanInputError);
    return (err as Error).message;
  }
  throw new Error(`${file} was accepted`);
}

describe("a stack export as what is deployed", () => {
  test("the program's resources by URN: not the Stack resource, the default provider, nor a copy marked for deletion", () => {
    const deployed = readDeployedFile(ENCRYPTED, DEV);
    expect(deployed.source).toBe("export");
    expect(deployed.resources.map((r) => [r.type, r.name])).toEqual([
      ["oke-quick-create:index:QuickCreate", "oke"],
      ["oke-quick-create:index:Network", "oke-network"],
      ["oci:Core/vcn:Vcn", "oke-network-vcn"],
      ["oci:Core/securityList:SecurityList", "oke-network-endpoint-seclist"],
      ["pulumi:providers:kubernetes", "oke-k8s"],
      ["oci:Bastion/bastion:Bastion", "oke-bastion"],
    ]);
    const list = deployed.find("oci:Core/securityList:SecurityList", "oke-network-endpoint-seclist")!;
    expect(list.id).toBe("ocid1.securitylist.oc1.ap-tokyo-1.aaaaaaaaj6nq4qbbk3t7b5d2m6ykq2wzw6qeocx2lzfq5e3jw7rq7q2gqm6a");
  });

  test("a resource the stack only read (external) is not deployed by it", () => {
    const doc = fixture();
    doc.deployment.resources.push({
      ...doc.deployment.resources[4],
      urn: doc.deployment.resources[4].urn.replace("oke-network-vcn", "shared-vcn"),
      external: true,
    });
    expect(readDeployedFile(write("external.json", doc), DEV).find("oci:Core/vcn:Vcn", "shared-vcn")).toBeUndefined();
  });

  test("the region is the one the stack's OCI provider was configured with", () => {
    expect(readDeployedFile(ENCRYPTED, DEV).region).toBe("ap-tokyo-1");
  });

  test("an encrypted secret is [secret]; the engine's own provider inputs (version) are not the program's", () => {
    const k8s = readDeployedFile(ENCRYPTED, DEV).find("pulumi:providers:kubernetes", "oke-k8s")!;
    expect(k8s.inputs).toEqual({ kubeconfig: "[secret]" });
  });

  test("with --show-secrets the plain text is [secret] too, and nothing read holds it", () => {
    const deployed = readDeployedFile(SHOW_SECRETS, DEV);
    expect(deployed.find("pulumi:providers:kubernetes", "oke-k8s")!.inputs).toEqual({ kubeconfig: "[secret]" });
    expect(JSON.stringify(deployed)).not.toContain("k8s-show-secrets-plaintext-marker");
    expect(JSON.stringify(deployed)).not.toContain("203.0.113.10");
  });

  test("an empty stack (created, never deployed) has nothing deployed", () => {
    const file = write("empty.json", { version: 3, deployment: { manifest: { time: "2026-11-30T09:00:00Z", magic: "", version: "v3.248.0" } } });
    expect(readDeployedFile(file, DEV).resources).toEqual([]);
  });
});

describe("refused in one sentence naming --deployed and the file", () => {
  test("another stack of this project names both and the --stack to pass", () => {
    const file = write("prod.json", JSON.parse(JSON.stringify(fixture()).replace(/urn:pulumi:dev::/g, "urn:pulumi:prod::")));
    expect(refusal(file)).toBe(`--deployed ${file} is stack prod of oke-quick-create, not dev; pass --stack prod.`);
  });

  test("another project names it", () => {
    const file = write("other.json", JSON.parse(JSON.stringify(fixture()).replace(/::oke-quick-create::/g, "::web-shop::")));
    expect(refusal(file)).toBe(
      `--deployed ${file} is stack dev of web-shop, not dev of oke-quick-create; write one of oke-quick-create (pulumi stack export --stack dev --file ${file}).`,
    );
  });

  test("a version Pulumi does not write is named", () => {
    const file = write("v7.json", { ...fixture(), version: 7 });
    expect(refusal(file)).toBe(
      `--deployed ${file} is a stack export of version 7, but Pulumi writes versions 3 and 4: export it again with a current Pulumi CLI (pulumi stack export --file ${file}).`,
    );
  });

  test("a file that is neither an export nor a plan", () => {
    const file = write("neither.json", { stack: "dev" });
    expect(refusal(file)).toMatch(/^--deployed .*neither\.json is neither a stack export \(\{"version", "deployment"\}\) nor a plan/);
  });

  test.each([
    [
      "a URN that is a number",
      (d: any) => {
        d.deployment.resources[4].urn = 5;
      },
      "deployment.resources[4].urn must be a URN (urn:pulumi:STACK::PROJECT::TYPE::NAME), not a number (5)",
    ],
    [
      "inputs that are a list",
      (d: any) => {
        d.deployment.resources[4].inputs = [];
      },
      "deployment.resources[4].inputs must be an object, not a list",
    ],
    [
      "a node pool's version that is a number",
      (d: any) => {
        d.deployment.resources.push({
          ...d.deployment.resources[4],
          urn: d.deployment.resources[4].urn.replace("oci:Core/vcn:Vcn::oke-network-vcn", "oci:ContainerEngine/nodePool:NodePool::oke-nodepool-pool1"),
          type: "oci:ContainerEngine/nodePool:NodePool",
          inputs: { kubernetesVersion: 1.33 },
        });
      },
      "deployment.resources[9].inputs.kubernetesVersion must be a string, not a number (1.33)",
    ],
    [
      "resources that are an object",
      (d: any) => {
        d.deployment.resources = {};
      },
      "deployment.resources must be a list of objects, not an object",
    ],
    [
      "a type that is not its URN's",
      (d: any) => {
        d.deployment.resources[4].type = "oci:Core/subnet:Subnet";
      },
      'deployment.resources[4].type must be its URN\'s type oci:Core/vcn:Vcn, not a string ("oci:Core/subnet:Subnet")',
    ],
    [
      "a deployment that is null (read as an empty stack before)",
      (d: any) => {
        d.deployment = null;
      },
      "deployment must be an object, not null",
    ],
    [
      "a resource of another stack spliced in (shown as a delete of this one before)",
      (d: any) => {
        d.deployment.resources[4].urn = d.deployment.resources[4].urn.replace("urn:pulumi:dev::", "urn:pulumi:prod::");
      },
      'deployment.resources[4].urn must be a URN of stack dev of oke-quick-create like the rest, not a string ("urn:pulumi:prod::oke-quick-create::oke-… (136 characters))',
    ],
  ])("a wrongly typed field names the field: %s", (_what, edit, words) => {
    const doc = fixture();
    edit(doc);
    const file = write("typed.json", doc);
    expect(refusal(file)).toBe(`--deployed ${file}: ${words}: pass the file \`pulumi stack export --file FILE\` wrote.`);
  });

  test("a URN listed twice (not as a copy marked for deletion) is named", () => {
    const doc = fixture();
    doc.deployment.resources.push({ ...doc.deployment.resources[4] });
    const file = write("twice.json", doc);
    expect(refusal(file)).toBe(
      `--deployed ${file} lists ${doc.deployment.resources[4].urn} twice, so what is deployed there is ambiguous: pass the file \`pulumi stack export --file FILE\` wrote, unedited.`,
    );
  });

  test("a directory, /dev/zero and a FIFO are refused without reading them", () => {
    expect(refusal(DIR)).toMatch(/^--deployed .* is a directory/);
    expect(refusal("/dev/zero")).toBe(
      "--deployed /dev/zero is a device, not a regular file: pass the file `pulumi stack export --file FILE` or an earlier `npm start -- --json FILE` wrote.",
    );
    const fifo = path.join(DIR, "state.fifo");
    execFileSync("mkfifo", [fifo]);
    expect(refusal(fifo)).toMatch(/^--deployed .*state\.fifo is (a pipe|a socket or pipe), not a regular file/);
  });

  test("a file over the size cap is refused by its size, before it is read", () => {
    const file = path.join(DIR, "huge.json");
    fs.writeFileSync(file, "");
    fs.truncateSync(file, 65 * 1024 * 1024);
    expect(refusal(file)).toMatch(/^--deployed .*huge\.json is 65 MiB, over the 64 MiB limit for this file/);
  });

  test("JSON nested past the bound is refused before it is parsed", () => {
    const file = write("deep.json", "[".repeat(100000) + "]".repeat(100000));
    expect(refusal(file)).toMatch(/^--deployed .*deep\.json nests JSON deeper than 64 levels/);
  });

  test("a plan file with a wrongly typed field, of another stack, or with a URN twice, is refused the same way", () => {
    const planLike = (resources: unknown[]) => ({ stack: "dev", project: "oke-quick-create", config: { "oci:region": "ap-tokyo-1" }, resources });
    const vcn = {
      urn: "urn:pulumi:dev::oke-quick-create::oci:Core/vcn:Vcn::oke-network-vcn",
      type: "oci:Core/vcn:Vcn",
      name: "oke-network-vcn",
      id: "ocid1.vcn.oc1.ap-tokyo-1.a",
      inputs: {},
    };
    const typed = write("plan-typed.json", planLike([{ ...vcn, inputs: { cidrBlocks: "10.0.0.0/16" } }]));
    expect(refusal(typed)).toBe(
      `--deployed ${typed}: resources[0].inputs.cidrBlocks must be a list of strings, not a string ("10.0.0.0/16"): pass the file \`pulumi stack export --file FILE\` or an earlier \`npm start -- --json FILE\` wrote.`,
    );
    const prod = write("plan-prod.json", { ...planLike([vcn]), stack: "prod" });
    expect(refusal(prod)).toBe(`--deployed ${prod} is stack prod of oke-quick-create, not dev; pass --stack prod.`);
    const twice = write("plan-twice.json", planLike([vcn, vcn]));
    expect(refusal(twice)).toBe(
      `--deployed ${twice} lists ${vcn.urn} twice, so what is deployed there is ambiguous: write it again with \`npm start -- --json ${twice}\`.`,
    );
  });
});
