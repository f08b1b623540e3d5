import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { Diagnostic } from "../../offline/analyzer/protocol";
import { allPolicies } from "../../policies/catalog";
import { isPreviewDowngrade } from "../../offline/analyzer/session";
import { recordNamed, runResourcePolicy, runResourcePolicyOverStack, runStackPolicy } from "./harness";
import { stackRecords } from "../helpers/stackRecords";

/** Every policy over every resource the program registers, as deployed and as the preview of a new stack. */
async function runAll(preview: boolean): Promise<Diagnostic[]> {
  const records = await stackRecords({}, preview);
  const all: Diagnostic[] = [];
  for (const policy of allPolicies) {
    if ("validateStack" in policy) {
      all.push(...(await runStackPolicy(policy as StackValidationPolicy, records)).diagnostics);
    } else {
      all.push(...(await runResourcePolicyOverStack(policy as ResourceValidationPolicy, records)));
    }
  }
  return all;
}

describe("the default Quick Create stack", () => {
  it("has policy names that are unique and kebab-case, and descriptions that are sentences", () => {
    const names = allPolicies.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const policy of allPolicies) {
      expect(policy.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(policy.description).toMatch(/^[A-Z].*\.$/);
      expect(["mandatory", "advisory"]).toContain(policy.enforcementLevel);
    }
  });

  it.each([false, true])("passes every mandatory policy (preview of a new stack: %s)", async (preview) => {
    const diagnostics = await runAll(preview);
    expect(diagnostics.filter((d) => d.enforcementLevel === "mandatory")).toEqual([]);
    // Nothing may be downgraded to "can't run during preview": every policy decides from literals.
    expect(diagnostics.filter((d) => d.message.startsWith("can't run"))).toEqual([]);
    // The one advisory the default stack is expected to draw (Quick Create's own choice); the security
    // lists' ignoreChanges (spec §3.3) keep ccm-managed-lists-ignore-rule-changes quiet.
    expect([...new Set(diagnostics.map((d) => d.policyName))].sort()).toEqual(["api-endpoint-open-to-internet"]);
  });
});

describe("the preview downgrade the pack avoids", () => {
  it("is what the server does to a policy that reads an unknown id, and is recognised as such", async () => {
    const readsAnId: ResourceValidationPolicy = {
      name: "reads-an-id",
      description: "Reads the subnet's vcnId.",
      enforcementLevel: "mandatory",
      validateResource: (args, report) => {
        if (args.props.vcnId !== "x") report("never reached in a preview");
      },
    };
    const record = recordNamed(await stackRecords({}, true), "oke-network-worker-subnet");
    const { diagnostics } = await runResourcePolicy(readsAnId, record);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].enforcementLevel).toBe("advisory");
    expect(diagnostics.filter(isPreviewDowngrade)).toEqual(diagnostics);
  });
});
