export * from './requirements.js';
export * from './modules.js';
export * from './capabilities.js';
