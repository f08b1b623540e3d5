/**
 * The configuration namespaces a stack of this program can set besides the project's own, with the
 * keys each provider reads (its package's `config` module; tests/plan/providerConfig.test.ts checks
 * these lists against the installed packages). A key outside them is a typo the provider would
 * silently ignore (`oci:regoin`), so the plan names it.
 */
export const PROVIDER_CONFIG_KEYS: Readonly<Record<string, readonly string[]>> = {
  oci: [
    "auth",
    "configFileProfile",
    "disableAutoRetries",
    "dualStackEndpointEnabled",
    "fingerprint",
    "ignoreDefinedTags",
    "privateKey",
    "privateKeyPassword",
    "privateKeyPath",
    "realmSpecificServiceEndpointTemplateEnabled",
    "region",
    "retriesConfigFile",
    "retryDurationSeconds",
    "tenancyOcid",
    "testTimeMaintenanceRebootDue",
    "tokenExchangeAuth",
    "tokenExchangeClientId",
    "tokenExchangeClientSecret",
    "tokenExchangeDomainUrl",
    "tokenExchangePublicKey",
    "tokenExchangeRequestedTokenType",
    "tokenExchangeResourceType",
    "tokenExchangeRpstExp",
    "tokenExchangeSubjectTokenType",
    "userOcid",
    "workloadIdentityTokenPath",
  ],
  kubernetes: [
    "alwaysRender",
    "cluster",
    "clusterIdentifier",
    "context",
    "deleteUnreachable",
    "enableConfigMapMutable",
    "enablePatchForce",
    "enableSecretMutable",
    "enableServerSideApply",
    "helmReleaseSettings",
    "kubeClientSettings",
    "kubeconfig",
    "namespace",
    "renderYamlToDirectory",
    "skipUpdateUnreachable",
    "suppressDeprecationWarnings",
    "suppressHelmHookWarnings",
    "upsertExistingObjects",
  ],
};

/** The engine's own namespace (`pulumi:tags`, `pulumi:disable-default-providers`, ...): any key. */
export const ENGINE_NAMESPACE = "pulumi";

/**
 * Provider settings that are secrets whether or not the stack encrypted them: the OCI provider wraps
 * them in `pulumi.secret` (its provider.js), so Pulumi never shows them; a kubeconfig carries
 * credentials. The plan treats them, and every value holding them, as `[secret]`.
 */
export const PROVIDER_SECRET_KEYS: readonly string[] = ["oci:privateKey", "oci:privateKeyPassword", "oci:tokenExchangeClientSecret", "kubernetes:kubeconfig"];
