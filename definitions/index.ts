/** Every procedure definition shipped with the product; add a new procedure here. */
import { createRegistry } from './registry.js';
import { skillCheck } from './skill-check/index.js';

export const allDefinitions = [skillCheck];

export const defaultRegistry = () => createRegistry(allDefinitions);
