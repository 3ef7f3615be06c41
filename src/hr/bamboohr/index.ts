// BambooHR adapter barrel.
export { createBambooHr, type BambooHrOptions } from './bamboo-hr.js';
export { verifyBambooSignature, type BambooSignatureInput } from './signature.js';
