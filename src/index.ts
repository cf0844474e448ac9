/**
 * descent-lab: the library entry. Exports the headless core; the web components register
 * themselves from here once they land.
 */
export * from './core/index';
