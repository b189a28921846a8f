import { packageConfig } from '../../scripts/jest/package-config.mjs';

export default packageConfig(import.meta.dirname);
