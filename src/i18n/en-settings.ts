/**
 * The English strings of an optimizer row's further settings (hyper-fields.ts): they ship in its
 * lazy chunk, not in the bundle every page loads, and it adds them with addStrings('en', …).
 * The Korean set (ko.ts, itself lazy) has them as every other key.
 */
export const enSettings = {
  settingsOf: '{name} settings',
  noiseTitle: 'Standard deviation of Gaussian noise added to each gradient component, a stand-in for mini-batch gradients (seeded)',
  mustBeNumber: '{key} must be a number',
  noiseMustBe: 'noise must be a number >= 0',
};
