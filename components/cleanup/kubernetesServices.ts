import type * as k8s from "@kubernetes/client-node";
import { pollUntil, Waits } from "./waits";

/**
 * The Kubernetes half of the destroy: delete every `type: LoadBalancer` Service while the cluster (and
 * with it OKE's cloud controller) still runs, so the controller deletes the load balancers it created,
 * and wait, bounded, until it has. A Service with a load balancer carries the finalizer
 * `service.kubernetes.io/load-balancer-cleanup`; the API server keeps it (with a deletionTimestamp)
 * until the controller has deleted the load balancer and removed the finalizer, so "the Service is
 * gone" means "its load balancer is gone".
 */

export const LOAD_BALANCER_CLEANUP_FINALIZER = "service.kubernetes.io/load-balancer-cleanup";
/** OKE's Block Volume CSI driver (the `oci-bv` storage class). */
export const BLOCK_VOLUME_CSI_DRIVER = "blockvolume.csi.oraclecloud.com";

export interface ServiceCleanup {
  /** `namespace/name` of each LoadBalancer Service the hook asked Kubernetes to delete. */
  deleted: string[];
  /** Those still present (finalizer not removed) when the wait ran out. */
  stillPresent: string[];
}

function kubernetes(): typeof k8s {
  // The client is an ES module; Node (20.19+) loads it through require. Loaded only when a hook runs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("@kubernetes/client-node");
}

function coreApi(kubeconfig: string): k8s.CoreV1Api {
  const lib = kubernetes();
  const config = new lib.KubeConfig();
  config.loadFromString(kubeconfig);
  return config.makeApiClient(lib.CoreV1Api);
}

function isNotFound(error: unknown): boolean {
  return (error as { code?: number })?.code === 404;
}

const key = (s: k8s.V1Service) => `${s.metadata?.namespace}/${s.metadata?.name}`;

export async function deleteLoadBalancerServices(kubeconfig: string, waits: Waits): Promise<ServiceCleanup> {
  const api = coreApi(kubeconfig);
  const services = (await api.listServiceForAllNamespaces()).items.filter((s) => s.spec?.type === "LoadBalancer");
  for (const service of services) {
    try {
      await api.deleteNamespacedService({ name: service.metadata!.name!, namespace: service.metadata!.namespace! });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  let remaining = services.map(key);
  await pollUntil(async () => {
    const still: string[] = [];
    for (const name of remaining) {
      const [namespace, service] = name.split("/");
      try {
        await api.readNamespacedService({ name: service, namespace });
        still.push(name);
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
    remaining = still;
    return remaining.length === 0;
  }, waits);
  return { deleted: services.map(key), stillPresent: remaining };
}

/**
 * Block volume OCID → `namespace/claim`, from the PersistentVolumes the CSI driver provisioned. The
 * driver names a volume after its PersistentVolume (`csi-<uid>`) and tags it only with the cluster's
 * `persistentVolumeConfig` tags, so the claim is known only while the cluster answers.
 */
export async function blockVolumeClaims(kubeconfig: string): Promise<Map<string, string>> {
  const claims = new Map<string, string>();
  for (const pv of (await coreApi(kubeconfig).listPersistentVolume()).items) {
    const csi = pv.spec?.csi;
    const ref = pv.spec?.claimRef;
    if (csi?.driver === BLOCK_VOLUME_CSI_DRIVER && csi.volumeHandle && ref?.name) {
      claims.set(csi.volumeHandle, `${ref.namespace}/${ref.name}`);
    }
  }
  return claims;
}
