import { PolicyPack } from "@pulumi/policy";
import { allPolicies } from "./catalog";
import { POLICY_PACK_NAME } from "./contract";

new PolicyPack(POLICY_PACK_NAME, { policies: allPolicies, enforcementLevel: "mandatory" });
