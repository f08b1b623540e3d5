import { requireEngineFeatures } from "./components/engineSupport";
import { QuickCreate } from "./components/quickCreate";
import { readStackConfig } from "./components/stackConfig";
import { describePoolImage, newerImageNotice } from "./components/upgrade";

// An async entrypoint: settings are validated and the region looked up before any resource exists.
export = async () => {
  // The destroy hooks need a recent engine: an older CLI is refused before anything is looked up.
  await requireEngineFeatures();
  const config = readStackConfig();
  const quick = await QuickCreate.create("oke", config);
  const { network, cluster, nodePool } = quick;
  const newerImage = newerImageNotice(quick.poolImage);
  return {
    region: config.region,
    clusterId: cluster.cluster.id,
    clusterName: cluster.cluster.name,
    kubeconfig: quick.kubeconfig,
    vcnId: network.vcn.id,
    endpointSubnetId: network.endpointSubnet.id,
    workerSubnetId: network.workerSubnet.id,
    lbSubnetId: network.lbSubnet.id,
    nodePoolId: nodePool.nodePool.id,
    nodeImage: describePoolImage(quick.poolImage),
    names: quick.names,
    ...(quick.sample ? { sampleAddress: quick.sample.address } : {}),
    ...(quick.bastion ? { bastionId: quick.bastion.bastion.id, bastionName: quick.bastion.bastion.name } : {}),
    ...(newerImage ? { nodeImageUpdate: newerImage } : {}),
  };
};
