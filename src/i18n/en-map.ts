/**
 * The English strings of the playground's map layout (descent-playground/map-layout.ts): they ship
 * in its lazy chunk, which adds them with addStrings('en', …). The Korean set (ko.ts) has them.
 */
export const enMap = {
  mapProgress: 'Basin maps',
  mapNowhere: 'ends near no minimum',
  mapDiverged: 'diverged',
};
