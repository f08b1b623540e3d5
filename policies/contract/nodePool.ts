/** Quick Create's node pool runs 3 nodes, one per fault domain (spec §1, §5). */
export const NODE_POOL_SIZE = 3;

/** Every OCI availability domain has three fault domains; OKE spreads a pool's nodes over them. */
export const FAULT_DOMAINS_PER_AD = 3;
