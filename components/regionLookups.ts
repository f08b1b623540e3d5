import * as oci from "./pulumiOci";
import {
  checkAvailabilityDomains,
  checkConfiguredImageVersion,
  checkVersionOffered,
  NodeImageSource,
  OracleService,
  selectNodeImage,
  selectOracleServices,
} from "./regionChoices";
import { OPTION_DEFAULTS } from "./options";
import { checkConfiguredImage, checkShapeOffered } from "./shapes";

/** What the region must tell us before anything is registered. */
export interface RegionFacts {
  region: string;
  /** Availability domain names, e.g. `Uocm:AP-TOKYO-1-AD-1`, in the region's order. */
  availabilityDomains: string[];
  oracleServices: OracleService;
  kubernetesVersions: string[];
  nodeImage: NodeImageSource;
}

export interface RegionQuery {
  region: string;
  compartmentId: string;
  kubernetesVersion: string;
  /** Checked against the node-pool options' shapes; picks the image's architecture. */
  nodeShape?: string;
  /** A configured image skips the image lookup's choice but not its version check. */
  nodeImageId?: string;
}

/**
 * Runs Quick Create's lookups in parallel: availability domains, the Oracle Services Network entry,
 * offered versions and node images. A failure is a sentence naming what was searched.
 */
export async function lookupRegionFacts(query: RegionQuery, opts?: { provider?: oci.Provider }): Promise<RegionFacts> {
  const invokeOpts = opts?.provider ? { provider: opts.provider } : undefined;
  const [ads, services, clusterOptions, nodePoolOptions] = await Promise.all([
    oci.identity.getAvailabilityDomains({ compartmentId: query.compartmentId }, invokeOpts),
    oci.core.getServices({}, invokeOpts),
    oci.containerengine.getClusterOption({ clusterOptionId: "all", compartmentId: query.compartmentId }, invokeOpts),
    // Needed even with a configured image: the shapes a node pool may use come from here.
    oci.containerengine.getNodePoolOption({ nodePoolOptionId: "all", compartmentId: query.compartmentId }, invokeOpts),
  ]);
  const availabilityDomains = ads.availabilityDomains.map((ad) => ad.name);
  checkAvailabilityDomains(availabilityDomains, query.region);
  checkVersionOffered(query.kubernetesVersion, clusterOptions.kubernetesVersions, query.region);
  const nodeShape = query.nodeShape ?? OPTION_DEFAULTS.nodeShape;
  checkShapeOffered(nodeShape, nodePoolOptions.shapes ?? [], query.region);
  const nodeImage = query.nodeImageId
    ? checkConfiguredImage(query.nodeImageId, nodeShape, nodePoolOptions.sources ?? [])
    : selectNodeImage(nodePoolOptions.sources, query.kubernetesVersion, query.region, nodeShape);
  if (query.nodeImageId) checkConfiguredImageVersion(nodeImage, query.kubernetesVersion);
  return {
    region: query.region,
    availabilityDomains,
    oracleServices: selectOracleServices(services.services, query.region),
    kubernetesVersions: clusterOptions.kubernetesVersions,
    nodeImage,
  };
}
