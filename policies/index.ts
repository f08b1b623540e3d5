import { PolicyPack } from "@pulumi/policy";
import { allPolicies } from "./catalog";

new PolicyPack("oke-quick-create", { policies: allPolicies, enforcementLevel: "mandatory" });
