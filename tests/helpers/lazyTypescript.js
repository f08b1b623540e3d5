"use strict";
module.exports = require("./lazyModule")("typescript");
