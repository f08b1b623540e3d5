import * as oci from "./pulumiOci";
import * as pulumi from "@pulumi/pulumi";
import { componentType } from "../policies/contract";
import { BASTION_MAX_SESSION_TTL_SECONDS } from "./limits";

/** A STANDARD bastion hosts SSH sessions; the other type (SESSION) is for internal Oracle use. */
export const BASTION_TYPE = "STANDARD";

export interface QuickCreateBastionArgs {
  compartmentId: pulumi.Input<string>;
  name: string;
  /**
   * The worker subnet: the bastion's private endpoint takes an address there, so Quick Create's
   * worker-to-worker and worker-to-endpoint rules already let it reach nodes on 22 and the API on 6443.
   */
  targetSubnetId: pulumi.Input<string>;
  clientCidrs: string[];
}

/** An OCI Bastion into the worker subnet: sessions to private nodes (SSH) and to a private API endpoint. */
export class QuickCreateBastion extends pulumi.ComponentResource {
  readonly bastion: oci.bastion.Bastion;

  constructor(name: string, args: QuickCreateBastionArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentType("Bastion"), name, {}, opts);
    this.bastion = new oci.bastion.Bastion(
      `${name}-bastion`,
      {
        bastionType: BASTION_TYPE,
        compartmentId: args.compartmentId,
        name: args.name,
        targetSubnetId: args.targetSubnetId,
        clientCidrBlockAllowLists: args.clientCidrs,
        maxSessionTtlInSeconds: BASTION_MAX_SESSION_TTL_SECONDS,
      },
      { parent: this },
    );
    this.registerOutputs({ bastionId: this.bastion.id, bastionName: this.bastion.name });
  }
}
