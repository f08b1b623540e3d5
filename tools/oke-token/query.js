// @ts-check
"use strict";

/**
 * Python's urllib.parse.quote_plus, which `requests` uses to build the token URL's query string.
 * encodeURIComponent leaves !'()* alone and writes spaces as %20; quote_plus escapes those five and
 * writes spaces as "+". The authorization value contains "(request-target)" and spaces, so the
 * difference shows up in every token.
 * @param {string} value
 */
function quotePlus(value) {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, "+");
}

/**
 * `urlencode(params)` for string values, keeping the given order.
 * @param {ReadonlyArray<readonly [string, string]>} params
 */
function formEncode(params) {
  return params.map(([k, v]) => `${quotePlus(k)}=${quotePlus(v)}`).join("&");
}

module.exports = { quotePlus, formEncode };
