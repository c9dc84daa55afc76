// The platform a test run is on: 'cdktf' (npm test) or 'cdktn' (npm run test:cdktn, where jest resolves every cdktf
// module to CDK Terrain's: test/cdktn/jest.config.js). Read from the package that `cdktf` resolves to.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const PLATFORM: 'cdktf' | 'cdktn' = require('cdktf/package.json').name;
