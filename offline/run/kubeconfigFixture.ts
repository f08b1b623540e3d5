import { buildOkeKubeconfig } from "../../components/kubeconfig";
import * as fixtures from "./fixtures";

export interface ClusterEndpoints { publicEndpoint: string; privateEndpoint: string }

/**
 * The CreateKubeconfig answer (GetClusterKubeConfigResult): OKE's kubeconfig, token version 2.0.0, whose
 * user runs `oci ce cluster generate-token`, pointing at the endpoint the request asked for.
 */
export function okeKubeconfig(region: string, clusterId: string, endpoints: ClusterEndpoints, endpoint = "PUBLIC_ENDPOINT") {
  const address = endpoint === "PRIVATE_ENDPOINT" ? endpoints.privateEndpoint : endpoints.publicEndpoint;
  if (!address) throw new Error(`Cluster ${clusterId} has no ${endpoint.toLowerCase().replace("_", " ")}.`);
  const caData = Buffer.from("-----BEGIN CERTIFICATE-----\noffline fixture CA\n-----END CERTIFICATE-----\n").toString("base64");
  const content = buildOkeKubeconfig({ clusterId, endpoint: address, caData, region });
  return { id: fixtures.fakeOcid("kubeconfig", region, clusterId), clusterId, content, endpoint, tokenVersion: "2.0.0" };
}
