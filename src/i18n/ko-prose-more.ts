/**
 * The Korean of the catalog's presets (those no default race runs, Adamax to schedule-free AdamW):
 * their summaries and notes, and their options' tooltips, kept out of ko-prose.ts so that a Korean
 * reader's first visit does not carry them. The rule panel and the settings load this when they
 * first show one of those presets in Korean, and add it to ko-prose.ts's tables (mergeKoMore).
 */
import type { RuleProse } from './ko-prose';
import { loadedKoProse } from './index';

export const koRulesMore: Readonly<Record<string, RuleProse>> = {
  adamax: {
    summary: '제곱 평균 대신 무한대 노름을 쓰는 Adam입니다.',
    differs: '논문에는 ε이 없습니다. torch는 max 안에서 |g|에 ε을 더합니다.',
  },
  nadam: {
    summary: 'Nesterov의 앞을 내다보는 모멘텀을 쓰는 Adam입니다.',
    differs: 'm은 상수 β₁을 쓰고, 스텝에만 Dozat의 스케줄 μₜ를 씁니다.',
  },
  radam: {
    summary: '분산 추정값을 믿을 수 있을 때까지는 모멘텀 SGD로 움직이는 Adam입니다.',
    differs: 'torch는 ρₜ > 5일 때 적응형 스텝을 켭니다(논문은 4).',
  },
  rprop: {
    summary: '기울기의 부호만 씁니다. 부호가 그대로인 동안에는 좌표마다 스텝이 커지고, 부호가 바뀌면 줄어듭니다.',
    differs:
      'torch는 가중치 되돌리기(weight-backtracking) 없는 Rprop, 곧 Igel & Hüsken의 iRprop− 방식을 씁니다. 기울기의 부호가 바뀐 좌표에서는 스텝 크기만 줄이고 기울기를 0으로 칩니다(그 스텝에는 움직이지 않고, 다음 스텝에는 부호를 비교하지 않습니다). Riedmiller & Braun(1993)은 여기에 더해 직전 스텝을 되돌립니다. ' +
      '첫 스텝 크기가 lr이고 스텝 크기는 상태에 저장되므로, 학습률 스케줄은 첫 스텝 이후에는 아무것도 바꾸지 못합니다.',
  },
  asgd: {
    summary: '학습률을 천천히 줄여 가면서 반복값의 평균도 함께 유지하는 SGD입니다.',
    differs:
      'Polyak & Juditsky(1992)는 반복값의 평균을 결과로 내놓습니다. torch는 그 평균을 상태 ax(여기서는 θ̄)에만 두고 파라미터에는 θ를 남기며, 기본값 t0 = 1e6에서는 백만 스텝이 지나야 평균을 내기 시작합니다(그때까지 θ̄ = θ). ' +
      '일부 torch 릴리스는 foreach 경로에서 ηₜ를 γ / (1 + λγt)^α가 아니라 γ / (1 + λγt^α)로 계산했습니다. 여기서는 single-tensor 형태를 따릅니다.',
  },
  lion: {
    summary: '모멘텀을 섞은 값의 부호만 씁니다. 모든 좌표가 정확히 γ만큼 움직입니다.',
    differs:
      'torch.optim에는 없습니다. lucidrains/lion-pytorch와 optax처럼 논문의 Algorithm 2를 따릅니다(lion-pytorch의 선택 옵션 decoupled_weight_decay는 λ를 초기 lr로 나눕니다). ' +
      '스텝마다 크기가 늘 γ이므로 기본 lr 1e-4는 AdamW의 학습률보다 3–10배 작습니다.',
  },
  adabelief: {
    summary: '기울기의 크기가 아니라, 기울기가 자기 평균에서 얼마나 벗어나는지로 나누는 Adam입니다.',
    differs:
      'torch.optim에는 없습니다. 저자들의 adabelief-pytorch 0.2.1을 따릅니다. 이 패키지는 (논문처럼) 매 스텝 s에 ε을 더하고 분모에도 한 번 더 더하며, 기본값으로 가중치 감쇠를 분리하고 ρₜ ≥ 5부터 RAdam처럼 보정(rectification)합니다. ' +
      '0.0.5 버전의 기본값은 eps 1e-8에 둘 다 없었고, adabelief-tf는 eps 1e-14를 씁니다. amsgrad와 rectify를 함께 켜면 이 패키지의 보정된 스텝은 누적 최댓값을 무시합니다(패키지의 특이한 동작이지만 그대로 따릅니다. adabelief-tf는 최댓값을 씁니다).',
  },
  yogi: {
    summary: 'v가 한 스텝에 최대 (1 − β₂)g²만큼만 바뀌는 Adam입니다. 그래서 기울기가 작아져도 스텝이 한꺼번에 커지지 않습니다.',
    differs:
      'torch.optim에는 없습니다. 논문의 제1저자가 작성한 TensorFlow Addons의 Yogi를 따르되, l1/l2 정규화와 tanh 활성화는 제공하지 않습니다. ' +
      'ε = 1e-3은 논문의 값으로 Adam의 1e-8과 다릅니다. 논문은 v를 큰 첫 미니배치에서 구한 기울기 제곱으로 시작하지만 TFA는 1e-6에서 시작하고, pytorch-optimizer의 Yogi는 m도 1e-6에서 시작하며 √v를 편향 보정한 뒤에 ε을 더합니다.',
  },
  adan: {
    summary: '연속한 두 기울기의 차이로 Nesterov 모멘텀을 얻는 Adam입니다.',
    differs:
      'torch.optim에는 없습니다. sail-sg/Adan의 single-tensor 코드를 따릅니다. 이 코드의 betas는 논문의 1 − β이고(논문의 β₁ = 0.02가 코드의 0.98입니다), m, d, n을 각각의 편향 보정으로 나눕니다. ' +
      '코드에 있는 max_grad_norm 클리핑은 제공하지 않습니다.',
  },
  'schedule-free-adamw': {
    summary: '스케줄이 없습니다. 학습률을 줄여 가는 스케줄이 하던 일을 AdamW 반복값의 평균이 대신합니다.',
    differs:
      'torch.optim에는 없습니다. facebookresearch/schedule_free의 AdamWScheduleFreeReference를 따릅니다. 이 구현은 기울기를 구하는 점 y를 파라미터에, 평가할 점 x를 상태에 둡니다(더 빠른 AdamWScheduleFree는 y와 z만 두고 eval()에서 x를 되살립니다). ' +
      '1.2.7까지의 릴리스는 v를 편향 보정하는 대신 lr에 √(1 − β₂ᵗ)를 곱했고, 이것이 평균의 가중치에도 들어가는 워밍업 노릇을 했습니다.',
  },
};

export const koHyperDocsMore: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  adamax: {
    lr: '학습률',
    beta1: '기울기 이동 평균의 감쇠율 (torch: betas[0])',
    beta2: '무한대 노름 누적값의 감쇠율 (torch: betas[1])',
    eps: '수치 안정성을 위해 더하는 항',
    weightDecay: '가중치 감쇠: 기울기에 weightDecay * p를 더합니다 (L2 페널티)',
    maximize: '내려가는 대신 올라갑니다 (torch는 기울기의 부호를 바꿉니다)',
  },
  nadam: {
    lr: '학습률',
    beta1: '기울기 이동 평균의 감쇠율 (torch: betas[0])',
    beta2: '기울기 제곱 이동 평균의 감쇠율 (torch: betas[1])',
    eps: '수치 안정성을 위해 더하는 항',
    weightDecay: '가중치 감쇠: 기울기에 weightDecay * p를 더합니다 (L2 페널티)',
    momentumDecay: '스케줄 μₜ의 모멘텀 감쇠 ψ',
    decoupledWeightDecay: 'AdamW처럼 가중치 감쇠를 p에 직접 적용합니다',
    maximize: '내려가는 대신 올라갑니다 (torch는 기울기의 부호를 바꿉니다)',
  },
  radam: {
    lr: '학습률',
    beta1: '기울기 이동 평균의 감쇠율 (torch: betas[0])',
    beta2: '기울기 제곱 이동 평균의 감쇠율 (torch: betas[1])',
    eps: '수치 안정성을 위해 더하는 항',
    weightDecay: '가중치 감쇠: 기울기에 weightDecay * p를 더합니다 (L2 페널티)',
    decoupledWeightDecay: 'AdamW처럼 가중치 감쇠를 p에 직접 적용합니다',
    maximize: '내려가는 대신 올라갑니다 (torch는 기울기의 부호를 바꿉니다)',
  },
  rprop: {
    lr: '모든 좌표의 초기 스텝 크기 Δ₀ (첫 스텝에만 쓰입니다)',
    etaMinus: '기울기의 부호가 바뀌면 스텝 크기를 줄이는 계수 η₋ (torch: etas[0])',
    etaPlus: '기울기의 부호가 그대로인 동안 스텝 크기를 키우는 계수 η₊ (torch: etas[1])',
    stepSizeMin: '가장 작은 스텝 크기 Δₘᵢₙ (torch: step_sizes[0])',
    stepSizeMax: '가장 큰 스텝 크기 Δₘₐₓ (torch: step_sizes[1])',
    maximize: '내려가는 대신 올라갑니다 (torch는 기울기의 부호를 바꿉니다)',
  },
  asgd: {
    lr: '학습률 γ: 줄어드는 스케줄 ηₜ의 첫 스텝 크기 η₁',
    lambd: '감쇠 항 λ: 매 스텝 p에 (1 − λη)를 곱하고, ηₜ = γ / (1 + λγt)^α가 줄어드는 속도를 정합니다',
    alpha: '스케줄 ηₜ의 지수 α',
    t0: '평균을 내기 시작하는 스텝 t₀ (μₜ = 1 / max(1, t − t₀))',
    weightDecay: '가중치 감쇠 λ_wd: 기울기에 weightDecay * p를 더합니다 (L2 페널티)',
    maximize: '내려가는 대신 올라갑니다 (torch는 기울기의 부호를 바꿉니다)',
  },
  lion: {
    lr: '학습률: 모든 좌표가 정확히 ±lr만큼 움직입니다 (AdamW보다 3–10배 작게)',
    beta1: '부호를 취할 방향에서 모멘텀에 주는 가중치 β₁ (betas[0])',
    beta2: '다음 스텝으로 넘기는 모멘텀 m의 감쇠율 β₂ (betas[1])',
    weightDecay: '분리된 가중치 감쇠 λ: p ← p − γλp',
  },
  adabelief: {
    lr: '학습률',
    beta1: '기울기 이동 평균의 감쇠율 (torch: betas[0])',
    beta2: '기울기가 자기 평균에서 벗어난 정도 (g − m)²의 이동 평균 s의 감쇠율 (betas[1])',
    eps: '매 스텝 s에 더하고, 분모에도 한 번 더 더하는 ε',
    weightDecay: '가중치 감쇠 λ: weightDecouple이면 p ← p − γλp, 아니면 기울기에 더합니다 (L2)',
    amsgrad: 's의 누적 최댓값으로 나눕니다 (패키지처럼, 보정된 스텝에서는 쓰지 않습니다)',
    weightDecouple: 'AdamW처럼 가중치 감쇠를 p에 직접 적용합니다',
    fixedDecay: 'weightDecouple일 때: lr을 곱하지 않고 p ← p − λp',
    rectify: 'RAdam의 보정: ρₜ ≥ 5부터만 적응형 스텝을 밟습니다',
    degeneratedToSgd: 'rectify일 때: ρₜ ≥ 5가 되기 전에는 모멘텀 SGD로 움직입니다 (끄면 움직이지 않습니다)',
  },
  yogi: {
    lr: '학습률',
    beta1: '기울기 이동 평균 m의 감쇠율 β₁ (TensorFlow Addons: beta1)',
    beta2: 'v를 더하고 빼는 갱신의 비율 β₂: v는 한 스텝에 최대 (1 − β₂)g²만큼 바뀝니다 (TensorFlow Addons: beta2)',
    eps: '√v에 더하는 ε: 기본값이 Adam의 1e-8이 아니라 1e-3이라, 적응성을 조금 내주고 안정성을 얻습니다',
    initialAccumulatorValue: 'v의 초깃값 κ (m은 0에서 시작합니다)',
  },
  adan: {
    lr: '학습률',
    beta1: '기울기 이동 평균 m의 감쇠율 β₁ (betas[0]; 논문의 1 − β₁)',
    beta2: '기울기 차이의 이동 평균 d의 감쇠율 β₂ (betas[1]; 논문의 1 − β₂)',
    beta3: '보정한 기울기 제곱의 이동 평균 n의 감쇠율 β₃ (betas[2]; 논문의 1 − β₃)',
    eps: '수치 안정성을 위해 더하는 항',
    weightDecay: '가중치 감쇠 λ: 스텝 뒤에 p를 (1 + γλ)로 나눕니다 (근접 스텝)',
    noProx: '대신 AdamW처럼 감쇠합니다: 스텝 전에 p ← (1 − γλ)p',
  },
  adamwschedulefree: {
    lr: 'z의 스텝에 쓰는 학습률 γ (워밍업 뒤)',
    beta1: '보간 계수 β₁: 기울기는 y = β₁x + (1 − β₁)z에서 구합니다 (betas[0])',
    beta2: '기울기 제곱 이동 평균의 감쇠율 (torch: betas[1])',
    eps: '수치 안정성을 위해 더하는 항',
    weightDecay: '가중치 감쇠 λ: z ← z − γλy, 기울기를 구하는 점에서 적용합니다',
    warmupSteps: '선형 워밍업의 스텝 수 T: γₜ = γ min(1, t / T)',
    r: '평균의 가중치 tʳ에서 스텝 수에 붙는 지수 r (0: 균등 평균)',
    weightLrPower: '평균의 가중치에서 지금까지 가장 큰 lr에 붙는 지수 p (0: lr로 가중하지 않음)',
    decayAtZ: '가중치 감쇠를 y 대신 z에서 적용합니다',
    innerMomentum: 'g 대신 쓰는 기울기 이동 평균의 모멘텀 μ (0: 쓰지 않음)',
  },
};

/** Adds these to ko-prose.ts's tables, once that is here; whether they are in them now. */
export function mergeKoMore(): boolean {
  const ko = loadedKoProse();
  if (!ko) return false;
  Object.assign(ko.koRules, koRulesMore);
  Object.assign(ko.koHyperDocs, koHyperDocsMore);
  return true;
}
