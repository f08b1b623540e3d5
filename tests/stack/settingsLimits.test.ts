import { QuickCreateConfigError } from "../../components/errors";
import { BOOT_VOLUME_GBS, MAX_NODES_PER_POOL } from "../../components/limits";
import { selectNodeImage } from "../../components/regionChoices";
import { QuickCreateArgs, resolveSettings } from "../../components/settings";
import { FLEX_SHAPES } from "../../components/limits";
import { imageKindForShape } from "../../components/shapes";
import { checkSshPublicKey } from "../../components/sshKey";
import { expectedNodeImage, fakeOcid, nodeImageNames } from "../../offline/run/fixtures";
import { RegisteredResource } from "../../offline/run/runProgram";
import { COMPARTMENT, runStack } from "../helpers/stack";
import { ResourceType } from "../../policies/contract";

// Values OCI or Kubernetes would refuse only minutes into `pulumi up` are refused by resolveSettings,
// before any resource exists, with one sentence naming the key, the value and what is allowed.

const BASE: QuickCreateArgs = { compartmentId: COMPARTMENT, kubernetesVersion: "v1.33.1" };

function refusal(args: Partial<QuickCreateArgs>): QuickCreateConfigError {
  let caught: unknown;
  try {
    resolveSettings({ ...BASE, ...args });
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(QuickCreateConfigError);
  const message = (caught as Error).message;
  expect(message.split("\n")).toHaveLength(1);
  expect(message.split(/\.\s/)).toHaveLength(1);
  expect(message).toMatch(/\.$/);
  return caught as QuickCreateConfigError;
}

/** An OpenSSH public key line whose base64 body names `inner` (the wire format's first string). */
function sshLine(type: string, inner = type, comment = "me@laptop"): string {
  const str = (b: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(b.length);
    return Buffer.concat([length, b]);
  };
  const blob = Buffer.concat([str(Buffer.from(inner)), str(Buffer.alloc(32, 7))]);
  return `${type} ${blob.toString("base64")} ${comment}`;
}

describe("shapes", () => {
  it("gives E4.Flex Quick Create's 1 OCPU and 16 GB when nothing is set", () => {
    const s = resolveSettings(BASE);
    expect([s.nodeShape, s.nodeOcpus, s.nodeMemoryGbs]).toEqual(["VM.Standard.E4.Flex", 1, 16]);
  });

  it.each([
    ["VM.Standard.E4.Flex", { nodeOcpus: 65 }, "nodeOcpus", /E4\.Flex takes a whole number of OCPUs from 1 to 64/],
    ["VM.Standard.E4.Flex", { nodeOcpus: 2.5 }, "nodeOcpus", /from 1 to 64/],
    ["VM.Standard.E4.Flex", { nodeOcpus: 2, nodeMemoryGbs: 129 }, "nodeMemoryGbs", /with 2 OCPUs takes a whole number of GB from 2 to 128/],
    ["VM.Standard.E4.Flex", { nodeOcpus: 32, nodeMemoryGbs: 2048 }, "nodeMemoryGbs", /from 32 to 1024 .*at most 1024 GB/],
    ["VM.Standard.E4.Flex", { nodeOcpus: 4, nodeMemoryGbs: 3 }, "nodeMemoryGbs", /from 4 to 256/],
    ["VM.Standard.A1.Flex", { nodeOcpus: 81 }, "nodeOcpus", /A1\.Flex takes a whole number of OCPUs from 1 to 80/],
    ["VM.Standard3.Flex", { nodeOcpus: 33 }, "nodeOcpus", /from 1 to 32/],
    ["VM.Standard.E5.Flex", { nodeOcpus: 95 }, "nodeOcpus", /from 1 to 94/],
    ["VM.Standard2.1", { nodeOcpus: 2 }, "nodeOcpus", /VM\.Standard2\.1 is a fixed shape/],
    ["VM.Standard2.1", { nodeMemoryGbs: 32 }, "nodeMemoryGbs", /fixed shape whose memory is set by the shape/],
  ])("%s with %j is refused naming %s", (nodeShape, sizing, key, allowed) => {
    const error = refusal({ nodeShape, ...sizing });
    expect(error.key).toBe(key);
    expect(error.message).toContain(JSON.stringify((sizing as Record<string, number>)[key]));
    expect(error.message).toMatch(allowed);
  });

  it("sizes a fixed shape by the shape alone and a flex shape by its own default memory", () => {
    const fixed = resolveSettings({ ...BASE, nodeShape: "VM.Standard2.1" });
    expect([fixed.nodeOcpus, fixed.nodeMemoryGbs]).toEqual([undefined, undefined]);
    const arm = resolveSettings({ ...BASE, nodeShape: "VM.Standard.A1.Flex", nodeOcpus: 4 });
    expect([arm.nodeOcpus, arm.nodeMemoryGbs]).toEqual([4, 24]);
    const big = resolveSettings({ ...BASE, nodeShape: "VM.Standard.E4.Flex", nodeOcpus: 64 });
    expect(big.nodeMemoryGbs).toBe(FLEX_SHAPES["VM.Standard.E4.Flex"].maxMemoryGbs);
  });

  it.each([
    ["VM.Standard.A1.Flex", "aarch64"],
    ["BM.Standard.A1.160", "aarch64"],
    ["VM.GPU.A10.1", "gpu"],
    ["BM.GPU4.8", "gpu"],
    ["VM.Standard.E4.Flex", "x86_64"],
    ["VM.Standard2.1", "x86_64"],
  ])("%s runs %s images", (shape, kind) => {
    expect(imageKindForShape(shape)).toBe(kind);
  });

  it("picks the newest image built for the shape's hardware", () => {
    const sources = nodeImageNames("v1.33.1").map((sourceName) => ({ sourceName, sourceType: "IMAGE", imageId: sourceName }));
    expect(selectNodeImage(sources, "v1.33.1", "r", "VM.Standard.A1.Flex").sourceName).toBe("Oracle-Linux-8.10-aarch64-2025.06.17-0-OKE-1.33.1-1033");
    expect(selectNodeImage(sources, "v1.33.1", "r", "VM.GPU.A10.1").sourceName).toBe("Oracle-Linux-8.10-Gen2-GPU-2025.06.17-0-OKE-1.33.1-1033");
    expect(selectNodeImage(sources, "v1.33.1", "r", "VM.Standard.E4.Flex").sourceName).toBe("Oracle-Linux-8.10-2025.06.17-0-OKE-1.33.1-1033");
    expect(() =>
      selectNodeImage(
        sources.filter((s) => !/aarch64/.test(s.sourceName)),
        "v1.33.1",
        "r",
        "VM.Standard.A1.Flex",
      ),
    ).toThrow(/No Oracle Linux aarch64 \(Arm\) OKE image for Kubernetes v1\.33\.1 \(shape VM\.Standard\.A1\.Flex\)/);
  });

  it("refuses a nodeImageId that is not an image OCID", () => {
    const error = refusal({ nodeImageId: "ocid1.instance.oc1.ap-tokyo-1.aaaaaaaa" });
    expect(error.key).toBe("nodeImageId");
    expect(error.message).toMatch(/use an image OCID \(ocid1\.image\./);
  });
});

describe("shapes and images against the region (the program, nothing registered)", () => {
  async function stackRefusal(overrides: Record<string, string | number>) {
    const registered: RegisteredResource[] = [];
    const error = await runStack(overrides, false, registered).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(registered).toHaveLength(0);
    expect(error).toBeInstanceOf(QuickCreateConfigError);
    return error as QuickCreateConfigError;
  }

  it("lists the region's node-pool shapes for a shape it does not offer", async () => {
    const error = await stackRefusal({ nodeShape: "VM.Standard.E9.Flex" });
    expect(error.message).toBe(
      'Invalid value "VM.Standard.E9.Flex" for nodeShape: region ap-tokyo-1 offers node pools VM.Standard.E3.Flex, VM.Standard.E4.Flex, VM.Standard.E5.Flex, VM.Standard2.1, VM.Standard.A1.Flex.',
    );
  });

  it("builds an Arm pool on the aarch64 image and a fixed shape without a shape config", async () => {
    const arm = await runStack({ nodeShape: "VM.Standard.A1.Flex", nodeOcpus: 2 });
    const pool = arm.resources.find((r) => r.type === ResourceType.NodePool)!;
    expect((pool.inputs.nodeSourceDetails as { imageId: string }).imageId).toBe(
      fakeOcid("image", "ap-tokyo-1", "Oracle-Linux-8.10-aarch64-2025.06.17-0-OKE-1.33.1-1033"),
    );
    expect(pool.inputs.nodeShapeConfig).toEqual({ ocpus: 2, memoryInGbs: 12 });
    const fixed = await runStack({ nodeShape: "VM.Standard2.1" });
    const fixedPool = fixed.resources.find((r) => r.type === ResourceType.NodePool)!;
    expect(fixedPool.inputs.nodeShapeConfig).toBeUndefined();
    expect(fixedPool.inputs.nodeShape).toBe("VM.Standard2.1");
  });

  it("refuses a configured x86_64 image on an Arm shape", async () => {
    const x86 = expectedNodeImage("ap-tokyo-1", "v1.33.1");
    const error = await stackRefusal({ nodeShape: "VM.Standard.A1.Flex", nodeImageId: x86.imageId });
    expect(error.key).toBe("nodeImageId");
    expect(error.message).toContain(`it is the x86_64 image ${x86.sourceName}, but VM.Standard.A1.Flex needs an aarch64 (Arm) image`);
  });

  it("takes 0 for nodeOcpus and nodeMemoryGbs from the stack file as the shape default, so a fixed shape works with Pulumi.yaml's defaults", async () => {
    const fixed = await runStack({ nodeShape: "VM.Standard2.1", nodeOcpus: 0, nodeMemoryGbs: 0 });
    expect(fixed.resources.find((r) => r.type === ResourceType.NodePool)!.inputs.nodeShapeConfig).toBeUndefined();
  });
});

describe("counts and sizes", () => {
  it.each([
    [0, /from 1 to 1000, OKE's limit per node pool/],
    [MAX_NODES_PER_POOL + 1, /from 1 to 1000/],
    [Number.MAX_SAFE_INTEGER + 2, /from 1 to 1000/],
    [1e308, /from 1 to 1000/],
    [Infinity, /from 1 to 1000/],
  ])("nodeCount %p is refused without being counted out", (nodeCount, allowed) => {
    // Synchronous: a check that counted nodes one by one would not return for the huge ones.
    expect(refusal({ nodeCount }).message).toMatch(allowed);
  });

  it.each([49, BOOT_VOLUME_GBS.max + 1, 2 ** 60, 100.5])("bootVolumeSizeGbs %p is outside 50 to 32768", (size) => {
    const error = refusal({ bootVolumeSizeGbs: size });
    expect(error.key).toBe("bootVolumeSizeGbs");
    expect(error.message).toMatch(/from 50 to 32768 \(32 TB\)/);
  });

  it("accepts the largest pool and boot volume OCI allows", () => {
    const s = resolveSettings({ ...BASE, nodeCount: 1000, bootVolumeSizeGbs: 32768 });
    expect([s.nodeCount, s.bootVolumeSizeGbs]).toEqual([1000, 32768]);
  });
});

describe("OCIDs and names", () => {
  it.each(["ocid1.vcn.oc1.ap-tokyo-1.aaaaaaaaexample", "ocid1.user.oc1..aaaaaaaaexample", "ocid1.compartment"])(
    "compartmentId %s is not a compartment or tenancy OCID",
    (compartmentId) => {
      expect(refusal({ compartmentId }).message).toMatch(/use a compartment or tenancy OCID/);
    },
  );

  it("accepts the tenancy as the compartment", () => {
    expect(resolveSettings({ ...BASE, compartmentId: "ocid1.tenancy.oc1..aaaaaaaaexample" }).compartmentId).toBe("ocid1.tenancy.oc1..aaaaaaaaexample");
  });

  it("refuses a clusterName that is not a valid node label value", () => {
    expect(refusal({ clusterName: "a".repeat(64) }).message).toMatch(/"name" label, a Kubernetes label value: at most 63 characters/);
    expect(refusal({ clusterName: "cluster-" }).message).toMatch(/ending in a letter or digit/);
    expect(resolveSettings({ ...BASE, clusterName: "c".repeat(63) }).clusterName).toHaveLength(63);
  });
});

describe("sshPublicKey", () => {
  it.each(["ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp521"])("accepts a %s line", (type) => {
    expect(checkSshPublicKey(`  ${sshLine(type)}\n`)).toBe(sshLine(type));
  });

  it.each([
    ["ssh-dss " + Buffer.from("x").toString("base64"), /starting with ssh-rsa, ssh-ed25519, ecdsa-sha2-nistp256/],
    ["ssh-ed25519", /second field must be its base64 body/],
    ["ssh-ed25519 not*base64", /second field must be its base64 body/],
    [sshLine("ssh-ed25519", "ssh-rsa"), /the base64 body is a ssh-rsa key, not the ssh-ed25519 key the line names/],
    [`${sshLine("ssh-ed25519")}\n${sshLine("ssh-rsa")}`, /one OpenSSH public key line/],
    ["AAAAC3NzaC1lZDI1NTE5AAAAIKp6", /starting with ssh-rsa/],
  ])("refuses %j", (value, allowed) => {
    const error = refusal({ sshPublicKey: value });
    expect(error.key).toBe("sshPublicKey");
    expect(error.message).toMatch(allowed);
  });

  it("says a private key is a private key and never prints it back", () => {
    const body = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW";
    for (const pem of [
      `-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----\n`,
      `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`,
      `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPrivate-Lines: 1\n${body}`,
    ]) {
      const error = refusal({ sshPublicKey: pem });
      expect(error.message).toMatch(/^sshPublicKey holds a private key/);
      expect(error.message).not.toContain(body.slice(0, 12));
      expect(error.message).not.toContain("BEGIN");
    }
  });
});

describe("prefix sizes", () => {
  it.each([
    ["10.96.0.0/22", /from \/12 to \/21/],
    ["10.0.0.0/8", /from \/12 to \/21/],
  ])("servicesCidr %s is refused", (servicesCidr, allowed) => {
    expect(refusal({ servicesCidr }).message).toMatch(allowed);
  });

  it("with flannel, podsCidr must hold a /25 per node", () => {
    expect(refusal({ cni: "flannel", podsCidr: "10.244.0.0/26" }).message).toMatch(/each of the 3 nodes a \/25 of it, so use a \/23 or wider/);
    expect(refusal({ cni: "flannel", podsCidr: "10.244.0.0/20", nodeCount: 33 }).message).toMatch(/use a \/19 or wider/);
    expect(resolveSettings({ ...BASE, cni: "flannel", podsCidr: "10.244.0.0/23" }).cidrs.pods).toBe("10.244.0.0/23");
    // VCN-native pods never use podsCidr, so its size does not matter there.
    expect(resolveSettings({ ...BASE, podsCidr: "10.244.0.0/30" }).cidrs.pods).toBe("10.244.0.0/30");
  });
});
