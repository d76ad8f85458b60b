export { readPlanIds as input } from '../inputs';
