"use strict";
module.exports = require("../../scripts/lazyModule")("typescript");
