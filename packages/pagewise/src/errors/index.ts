export { loadPeerDependency } from './load-peer-dependency.js';
export {
  isMissingPeerDependencyError,
  MissingPeerDependencyError,
} from './missing-peer-dependency-error.js';
export { isPagewiseError, PAGEWISE_BRAND, PagewiseError } from './pagewise-error.js';
