"use strict";
module.exports = require("../../scripts/lazyModule")("normalize-package-data");
