import { ADDRESS_PLAN, CniToken, ClusterTypeToken, API_DEFAULT_CLUSTER_TYPE, FAULT_DOMAINS_PER_AD } from "../../policies/contract";

/**
 * The command-line tools are plain CommonJS that runs without a build, so they cannot import the
 * TypeScript contract: the few contract values they need are spelled in them once, and held here to
 * the contract's.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const checks = require("../../tools/oke-inspect/checks") as {
  CNI: Record<string, string>;
  DEFAULT_CLUSTER_TYPE: string;
  FAULT_DOMAINS: readonly string[];
  QUICK_CREATE_SERVICES_CIDR: string;
};

describe("oke-inspect's copy of contract values", () => {
  it("names the CNI tokens, the default cluster type, the fault domains and the services range as the contract does", () => {
    expect({
      cni: { ...checks.CNI },
      defaultClusterType: checks.DEFAULT_CLUSTER_TYPE,
      faultDomains: checks.FAULT_DOMAINS.length,
      servicesCidr: checks.QUICK_CREATE_SERVICES_CIDR,
    }).toEqual({
      cni: { FLANNEL: CniToken.FLANNEL, VCN_NATIVE: CniToken.VCN_NATIVE },
      defaultClusterType: API_DEFAULT_CLUSTER_TYPE,
      faultDomains: FAULT_DOMAINS_PER_AD,
      servicesCidr: ADDRESS_PLAN.servicesCidr,
    });
    expect(Object.values(ClusterTypeToken)).toContain(checks.DEFAULT_CLUSTER_TYPE);
  });
});
