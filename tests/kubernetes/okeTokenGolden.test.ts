import { createPrivateKey } from "crypto";
import { readFileSync } from "fs";
import { join } from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { clusterToken } = require("../../tools/oke-token/token");

/**
 * A token computed outside this project, the OCI CLI's way: Python's `requests` builds the URL from
 * `params={"authorization": ..., "date": ...}` and `base64.urlsafe_b64encode` encodes it, with the
 * signature from `cryptography` (RSA PKCS#1 v1.5, SHA-256) over `date (request-target) host`, as
 * oci-cli's generate_token and oci-python-sdk's signer do. RSA PKCS#1 v1.5 signatures are
 * deterministic, so the whole token is a fixed string for a fixed key and instant. The key is a
 * throwaway made for this test.
 */
const PYTHON_TOKEN =
  "aHR0cHM6Ly9jb250YWluZXJlbmdpbmUuYXAtdG9reW8tMS5vcmFjbGVjbG91ZC5jb20vY2x1c3Rlcl9yZXF1ZXN0L29jaWQxLmNsdXN0ZXIub2MxLmFwLXRva3lvLTEuYWFhYWFhYWFnb2xkZW5leGFtcGxlY2x1c3Rlcj9hdXRob3JpemF0aW9uPVNpZ25hdHVyZSthbGdvcml0aG0lM0QlMjJyc2Etc2hhMjU2JTIyJTJDaGVhZGVycyUzRCUyMmRhdGUrJTI4cmVxdWVzdC10YXJnZXQlMjkraG9zdCUyMiUyQ2tleUlkJTNEJTIyb2NpZDEudGVuYW5jeS5vYzEuLmFhYWFhYWFhdGVuYW5jeSUyRm9jaWQxLnVzZXIub2MxLi5hYWFhYWFhYXVzZXIlMkYxMiUzQTM0JTNBNTYlM0E3OCUzQTlhJTNBYmMlM0FkZSUzQWYwJTNBMTIlM0EzNCUzQTU2JTNBNzglM0E5YSUzQWJjJTNBZGUlM0FmMCUyMiUyQ3NpZ25hdHVyZSUzRCUyMlJwZUNOMWUlMkIxN1A3SGdZeCUyRnlGRUdnJTJCUW5hbm9NSnNFdXBGY1Y5QUJWelE4JTJCUGlOT2VQZDRndktrdnlUaUQlMkJPJTJGaUxadXVjaGlYQTNqbVJyVUpORE4wT3pMc0ptVFU1TkFOTzB4enVUTjF3UE5SZFprQ2ZDZEN5JTJGRkRmU0JEQXBIQnF4bTclMkJlQkxQQldRNUlsbTVqaEpFNjJ0UDdTS0NwT2ZsWUlwc2szUTQ1dThaM0Vuc3FQalhjWEtRYmdtcCUyQkxLaVRobDZjS3ZyZVBqSCUyQlhkUDBEcjdKYzZlJTJCcEM2MGlVc0d6UXZkQ3pjZk5PSWY5Z2ZHUFhQb2hDOWRrUmhPVW5waHpVeENzRmlrRFRTRDVnOVpCdndUYk1kUEp6Rk9Bblp6cXElMkZDdENFWjdsYlRJb0VSQ3BBUDg5VDhSNzB3a3JKcnlkczQwYmh6QlhqUDVuaHl0QSUzRCUzRCUyMiUyQ3ZlcnNpb24lM0QlMjIxJTIyJmRhdGU9VHVlJTJDKzAzK0p1bisyMDI1KzA5JTNBMDUlM0EwNytHTVQ=";

test("oke-token's token is byte-identical to the one the OCI CLI's code builds", () => {
  const privateKey = createPrivateKey(readFileSync(join(__dirname, "..", "fixtures", "oke-token-test-key.pem")));
  const { token, expirationTimestamp } = clusterToken(
    "ocid1.cluster.oc1.ap-tokyo-1.aaaaaaaagoldenexamplecluster",
    {
      region: "ap-tokyo-1",
      tenancy: "ocid1.tenancy.oc1..aaaaaaaatenancy",
      user: "ocid1.user.oc1..aaaaaaaauser",
      fingerprint: "12:34:56:78:9a:bc:de:f0:12:34:56:78:9a:bc:de:f0",
      privateKey,
    },
    new Date("2025-06-03T09:05:07Z"),
  );
  expect(token).toBe(PYTHON_TOKEN);
  expect(expirationTimestamp).toBe("2025-06-03T09:09:07Z");
});
