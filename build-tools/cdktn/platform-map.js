// The one table of what changes between the two platforms: each cdktf module and its CDK Terrain counterpart.
// test/cdktn/jest.config.js maps modules with it at test time, test/cdktn/tsconfig.json type-checks with the same
// mapping (a test checks they agree), build-tools/cdktn/register.js maps them in node, and
// build-tools/cdktn/package.ts rewrites the adapter's imports with it for the cdktn package.
/** Package names: cdktf's -> cdktn's. A deep path keeps its tail (lib/provider stays lib/provider). */
const PACKAGES = {
  'cdktf': 'cdktn',
  '@cdktf/provider-azurerm': '@cdktn/provider-azurerm',
};

/** jest moduleNameMapper entries: the package itself and any deep path under it. */
const JEST_MODULE_MAP = {};
for (const [from, to] of Object.entries(PACKAGES)) {
  const escaped = from.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  JEST_MODULE_MAP[`^${escaped}$`] = to;
  JEST_MODULE_MAP[`^${escaped}/(.*)$`] = `${to}/$1`;
}

module.exports = { PACKAGES, JEST_MODULE_MAP };
