import { existsSync } from "fs";
import { parse } from "yaml";
import { buildOkeKubeconfig, defaultTokenHelper, EXEC_API_VERSION, kubeconfigForAuth, okeShortId, readOkeKubeconfig } from "../../components/kubeconfig";

const CLUSTER_ID = "ocid1.cluster.oc1.eu-frankfurt-1.aaaaaaaavvdknn5schlm6opun5ezxrnzf53ca4itf4ylui6vxcnkynrdwz4q";
const CA = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSURpRENDQW5DZ0F3SUJBZ0lRQVoxUWlVSjZqZ0pxN09vazV3L3p4akFOQmdrcWhr0tCg==";

/**
 * What getClusterKubeConfig returned for a public-endpoint cluster (published Terraform output of a
 * real eu-frankfurt-1 cluster, CA shortened): the layout the builder must reproduce byte for byte.
 */
const OKE_PUBLIC = `---
apiVersion: v1
kind: ""
clusters:
- name: cluster-cnkynrdwz4q
  cluster:
    server: https://158.180.49.170:6443
    certificate-authority-data: ${CA}
users:
- name: user-cnkynrdwz4q
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: oci
      args:
      - ce
      - cluster
      - generate-token
      - --cluster-id
      - ${CLUSTER_ID}
      - --region
      - eu-frankfurt-1
      env: []
contexts:
- name: context-cnkynrdwz4q
  context:
    cluster: cluster-cnkynrdwz4q
    user: user-cnkynrdwz4q
current-context: context-cnkynrdwz4q
`;

const ENDPOINTS = [
  ["public", "https://158.180.49.170:6443"],
  ["private", "https://10.0.0.5:6443"],
] as const;

const HELPER = { command: "node", args: ["/opt/oke-quick-create/bin/oke-token.js"] };

function okeKubeconfig(server: string) {
  return buildOkeKubeconfig({ clusterId: CLUSTER_ID, endpoint: server, caData: CA, region: "eu-frankfurt-1" });
}

describe("buildOkeKubeconfig", () => {
  it("reproduces OKE's layout exactly", () => {
    expect(okeKubeconfig("https://158.180.49.170:6443")).toBe(OKE_PUBLIC);
  });

  it("names cluster, user and context after the OCID's last 11 characters", () => {
    expect(okeShortId(CLUSTER_ID)).toBe("cnkynrdwz4q");
    const summary = readOkeKubeconfig(okeKubeconfig("https://10.0.0.5:6443"));
    expect([summary.clusterName, summary.userName, summary.contextName]).toEqual(["cluster-cnkynrdwz4q", "user-cnkynrdwz4q", "context-cnkynrdwz4q"]);
  });

  it.each(ENDPOINTS)("round-trips a %s endpoint through readOkeKubeconfig and back", (_kind, server) => {
    const content = okeKubeconfig(server);
    const read = readOkeKubeconfig(content);
    expect(read.server).toBe(server);
    expect(buildOkeKubeconfig({ clusterId: read.clusterId, endpoint: read.server, caData: read.caData, region: read.region })).toBe(content);
  });

  it("accepts an endpoint without scheme, as the cluster's endpoints attribute gives it", () => {
    const fromBare = buildOkeKubeconfig({ clusterId: CLUSTER_ID, endpoint: "10.0.0.5:6443", caData: CA, region: "eu-frankfurt-1" });
    expect(readOkeKubeconfig(fromBare).server).toBe("https://10.0.0.5:6443");
  });

  it("refuses an empty input rather than writing an unusable kubeconfig", () => {
    expect(() => buildOkeKubeconfig({ clusterId: CLUSTER_ID, endpoint: "", caData: CA, region: "eu-frankfurt-1" })).toThrow(
      "buildOkeKubeconfig needs a non-empty endpoint.",
    );
  });
});

describe.each(ENDPOINTS)("kubeconfigForAuth with a %s endpoint", (_kind, server) => {
  it("returns OKE's content untouched in oci-cli mode", () => {
    const content = okeKubeconfig(server);
    expect(kubeconfigForAuth(content, "oci-cli", HELPER)).toBe(content);
  });

  it("runs oke-token for the same cluster and region in token-helper mode", () => {
    const out = parse(kubeconfigForAuth(okeKubeconfig(server), "token-helper", HELPER));
    expect(out.users).toHaveLength(1);
    expect(out.users[0].user.exec).toEqual({
      apiVersion: EXEC_API_VERSION,
      command: "node",
      args: ["/opt/oke-quick-create/bin/oke-token.js", "--cluster-id", CLUSTER_ID, "--region", "eu-frankfurt-1"],
      env: [],
    });
  });

  it("keeps clusters, contexts, user name, server and CA in token-helper mode", () => {
    const before = parse(okeKubeconfig(server));
    const after = parse(kubeconfigForAuth(okeKubeconfig(server), "token-helper", HELPER));
    expect(after.clusters).toEqual([{ name: "cluster-cnkynrdwz4q", cluster: { server, "certificate-authority-data": CA } }]);
    expect(after.clusters).toEqual(before.clusters);
    expect(after.contexts).toEqual(before.contexts);
    expect(after["current-context"]).toBe("context-cnkynrdwz4q");
    expect(after.users[0].name).toBe("user-cnkynrdwz4q");
  });
});

describe("kubeconfigForAuth edge cases", () => {
  it("carries --profile and --config-file that a user added to OKE's exec", () => {
    const edited = OKE_PUBLIC.replace(
      "      - eu-frankfurt-1\n",
      "      - eu-frankfurt-1\n      - --config-file\n      - /home/me/oci.cfg\n      - --profile\n      - ADMIN\n",
    );
    const exec = parse(kubeconfigForAuth(edited, "token-helper", HELPER)).users[0].user.exec;
    expect(exec.args.slice(-4)).toEqual(["--profile", "ADMIN", "--config-file", "/home/me/oci.cfg"]);
  });

  it("explains what it expected when the content has no generate-token user", () => {
    const tokenUser = OKE_PUBLIC.replace(/ {4}exec:[\s\S]*?env: \[\]\n/, "    token: abc\n");
    expect(() => kubeconfigForAuth(tokenUser, "token-helper", HELPER)).toThrow("The kubeconfig has no user whose exec runs `oci ce cluster generate-token`");
  });

  it("points the default helper at this checkout's bin/oke-token.js", () => {
    const helper = defaultTokenHelper();
    expect(helper.command).toBe("node");
    expect(helper.args).toHaveLength(1);
    expect(helper.args[0]).toMatch(/[\\/]bin[\\/]oke-token\.js$/);
    expect(helper.args.filter(existsSync)).toEqual(helper.args);
  });
});
