export { isPagewiseError, PAGEWISE_BRAND, PagewiseError } from './pagewise-error.js';
