/**
 * The English string of the rule panel's lazy chunk (descent-playground/rule-panel-view.ts), which
 * adds it with addStrings('en', …). The Korean set (ko.ts) has it.
 */
export const enRule = {
  torchVsPaper: 'torch vs. the paper:',
  implementations: 'Where implementations differ:',
};
