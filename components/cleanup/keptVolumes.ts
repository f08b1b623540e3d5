import { carriesStackTag } from "../../policies/contract";
import type { CleanupClients } from "./ociClients";

/**
 * Block volumes the CSI driver created for PersistentVolumeClaims outlive the cluster. They hold data,
 * so the destroy never deletes them: it lists them with the command that would.
 */

export interface KeptVolume {
  id: string;
  displayName: string;
  sizeInGBs: number;
  /** `namespace/claim` when the cluster could still say, before it was deleted. */
  claim?: string;
}

const MAX_PAGES = 50;
const GONE = new Set(["TERMINATED", "TERMINATING"]);

export async function keptVolumes(
  clients: CleanupClients,
  compartmentId: string,
  stackTag: string,
  claims: ReadonlyMap<string, string>,
): Promise<KeptVolume[]> {
  const kept: KeptVolume[] = [];
  let page: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const r = await clients.blockstorage.listVolumes({ compartmentId, page });
    for (const v of r.items) {
      if (GONE.has(v.lifecycleState) || !carriesStackTag(v.freeformTags, stackTag)) continue;
      kept.push({ id: v.id, displayName: v.displayName, sizeInGBs: v.sizeInGBs ?? Math.round((v.sizeInMBs ?? 0) / 1024), claim: claims.get(v.id) });
    }
    page = r.opcNextPage;
    if (!page) break;
  }
  return kept;
}

/** What the destroy prints at its end; empty when nothing was kept. */
export function keptVolumesReport(volumes: KeptVolume[], region: string): string {
  if (volumes.length === 0) return "";
  const lines = volumes.map((v) => `  ${v.id}  ${v.sizeInGBs} GB  ${v.claim ? `claim ${v.claim}` : `volume ${v.displayName} (claim unknown)`}`);
  const commands = volumes.map((v) => `  oci bv volume delete --region ${region} --volume-id ${v.id}`);
  return [
    `Kept ${volumes.length} block volume(s) created for PersistentVolumeClaims; they hold data and cost money until deleted:`,
    ...lines,
    "Delete them when the data is no longer needed:",
    ...commands,
  ].join("\n");
}
