// The lint plugins, resolved from this folder's own node_modules (see package.json's description),
// for the configuration at the repository root.
export { default as js } from '@eslint/js';
export { default as tseslint } from 'typescript-eslint';
export { default as reactHooks } from 'eslint-plugin-react-hooks';
export { default as jsxA11y } from 'eslint-plugin-jsx-a11y';
export { default as prettierConfig } from 'eslint-config-prettier/flat';
export { default as globals } from 'globals';
export { default as layers } from './layers.mjs';
