// @ts-check
"use strict";

/**
 * Oracle Cloud IDs: `ocid1.<resource type>.<realm>.[region][.future use].<unique id>`
 * (docs.oracle.com/iaas/Content/General/Concepts/identifiers.htm), lowercase letters, digits and
 * hyphens. The resource type says what an id names, so a VCN's OCID given as a cluster's is refused
 * here rather than signed into a token OKE can only reject.
 */
const OCID = /^ocid1\.([a-z0-9]+)\.[a-z0-9-]+\.[a-z0-9-]*(\.[a-z0-9-]*)?\.[a-z0-9]+$/;

/**
 * The resource type an OCID names (`cluster`, `vcn`, `bastion`…), or undefined when it is not an OCID.
 * @param {string} text
 */
function ocidKind(text) {
  const m = OCID.exec(text);
  return m ? m[1] : undefined;
}

/**
 * Why `text` is not an OCID of `kind`, as the end of a sentence about it; undefined when it is one.
 * @param {string} text
 * @param {string} kind
 */
function ocidProblem(text, kind) {
  const found = ocidKind(text);
  if (found === kind) return undefined;
  const a = (/** @type {string} */ word) => (/^[aeio]/.test(word) ? `an ${word}` : `a ${word}`);
  return found ? `is ${a(found)} OCID, not ${a(kind)} OCID` : `is not ${a(kind)} OCID`;
}

module.exports = { ocidKind, ocidProblem };
