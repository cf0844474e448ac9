/**
 * The Korean of the catalog's presets (those no default race runs, Adamax to SAM):
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
  lbfgs: {
    summary: '준뉴턴(quasi-Newton) 방법입니다. 최근 m개의 스텝과 기울기 변화로 헤세 행렬의 역행렬을 근사하고, 한 스텝 안에서 여러 번 반복합니다.',
    differs:
      "step() 한 번이 여러 번의 반복입니다. torch의 LBFGS는 한 번 호출될 때 최대 max_iter(20)번 반복하며 매번 클로저를 평가하므로, 여기서 한 스텝은 step() 호출 한 번이고 그동안 시도한 점들은 그 스텝의 평가로 기록됩니다. " +
      "맨 처음 반복만 t = min(1, 1/‖g‖₁)·lr만큼, 이후로는 lr(기본값 1)만큼 움직이며, line_search_fn='strong_wolfe'가 아니면 선 탐색(line search)을 하지 않습니다. torch 코드의 뿌리인 minFunc(Lua Torch를 거쳐 왔습니다)는 늘 선 탐색을 합니다. " +
      'torch는 쌍을 100개까지 보관하고 절대 변화량(|Δf|, ‖td‖∞가 tolerance_change 미만)으로 멈춥니다. scipy의 L-BFGS-B는 늘 선 탐색(Moré–Thuente)을 하고, 쌍을 10개 보관하며, 투영된 기울기(gtol 1e-5)와 f의 상대 감소량(ftol 2.2e-9)으로 멈춥니다.',
  },
  adafactor: {
    summary: '파라미터 크기에 비례하는 상대적인 스텝을 밟습니다. 좌표마다 RMSprop처럼 스케일하되 β₂가 1을 향해 커지고, 업데이트의 RMS로 클리핑합니다.',
    differs:
      '논문(Shazeer & Stern 2018)에는 lr이 없습니다. torch의 lr은 상대 스텝의 상한으로 ρₜ = min(lr, 1/√t)를 정하고(논문은 이 상한을 0.01로 고정합니다), 분리된 가중치 감쇠(θ ← (1 − γλ)θ)의 크기도 정합니다. ' +
      'eps1은 분모를 max(√v, ε₁)로 아래에서 막아 주는데, 논문은 g²에 ε₁ = 1e-30을 더합니다. torch의 eps1 = None은 자료형의 머신 엡실론(여기처럼 float64라면 2⁻⁵²)입니다. ' +
      'torch는 행렬일 때만 2차 모멘트를 분해(factorize)하므로 벡터의 v는 좌표마다 따로 두며, 모멘텀도 없습니다(논문에서는 선택 사항인 β₁). Hugging Face의 Adafactor는 논문의 ε₁을 그대로 쓰고, relative_step(기본값)이면 ρₜ = min(0.01, 1/√t)를 씁니다.',
  },
  newton: {
    summary: '국소 2차 모델을 정확히 풉니다. 2차 함수라면 한 스텝 만에 정류점에 도달하는데, 그곳이 최솟값이든 안장점이든 가리지 않습니다.',
    differs:
      'torch.optim에는 없습니다(torch.func.hessian으로 H를 구할 수는 있지만, 그것으로 스텝을 밟는 옵티마이저는 없습니다). 여기서는 표면의 정확한 헤세 행렬로 교과서적인 Newton–Raphson 스텝을 밟고, Levenberg의 감쇠 δI를 더합니다(Marquardt의 변형은 δ에 H의 대각 성분을 곱합니다). ' +
      'scipy의 Newton-CG와 신뢰 영역 방법(trust-ncg, trust-exact)도 같은 연립방정식을 풀지만 선 탐색이나 신뢰 영역으로 스텝을 제한합니다. 여기의 맨 스텝은 γ = 1이면 2차 함수의 안장점으로 곧장 뛰어듭니다.',
  },
  'saddle-free-newton': {
    summary: '헤세 행렬의 고윳값을 절댓값으로 바꾼 Newton입니다. 음의 곡률이 안장점 쪽으로 끌어들이는 대신 밀어냅니다.',
    differs:
      'torch.optim에는 없습니다. Dauphin 등(2014)은 신경망에서 |H|를 직접 만들 수 없어서, Algorithm 1에서 k개의 Lanczos 벡터가 이루는 크릴로프(Krylov) 부분공간 안에서 |H|를 구하고 스텝마다 선 탐색으로 감쇠 값을 고릅니다. 2차원에서는 고윳값 분해가 정확하고 δ는 고정입니다. ' +
      'δ = 0이면 고윳값이 0인 방향(평평한 방향)에서 스텝이 무한대가 되어, 그 실행은 발산한 것으로 표시됩니다.',
  },
  sam: {
    summary: 'ρ만큼 오르막으로 나아간 가장 나쁜 지점에서 기울기를 구하는 SGD입니다. 넓고 평평한 최솟값을 선호합니다.',
    differs:
      'torch.optim에는 없습니다. 널리 쓰이는 비공식 PyTorch 구현인 davda54/sam을 torch.optim.SGD 위에서 따릅니다(저자들의 코드 google-research/sam은 JAX입니다). 이 구현의 ε은 ‖g‖₂ + 1e-12로 나눕니다(논문의 ρg/‖g‖₂에는 1e-12가 없습니다). ' +
      'adaptive는 ASAM(Kwon 등 2021)처럼 이웃을 |θ|로 스케일하는데, ASAM의 원래 코드는 |θ| + η(η = 0.01)로 스케일하고 기본값이 ρ = 0.5입니다. 가중치 감쇠는 기반 SGD가 상승 지점의 기울기에만 더합니다. ' +
      '논문의 m-sharpness는 m개 예제로 된 조각마다 ε을 따로 구해 조각별 기울기를 평균합니다(논문의 JAX 코드는 장치마다 그렇게 합니다). 여기서는 한 스텝의 두 기울기를 같은 미니배치, 같은 노이즈로 구합니다.',
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
  lbfgs: {
    lr: '각 반복의 스텝 길이 γ, 또는 선 탐색의 첫 시도 값 (맨 처음 반복만: γ min(1, 1/‖g‖₁))',
    maxIter: '한 스텝에서 도는 반복의 최대 횟수 K (torch: max_iter)',
    maxEval: '한 스텝에서 f와 ∇f를 평가하는 최대 횟수 E (torch: max_eval; 0이면 torch의 None, 곧 ⌊5K/4⌋)',
    toleranceGrad: '기울기의 모든 좌표가 0에서 ε_g 이내가 되면 멈춥니다: ‖g‖∞ ≤ ε_g (torch: tolerance_grad)',
    toleranceChange: '스텝 ‖td‖∞나 f의 변화가 ε_Δ보다 작아지면 멈춥니다 (torch: tolerance_change)',
    historySize: '헤세 행렬의 역행렬을 추정하려고 보관하는 (s, y) 쌍, 곧 스텝과 기울기 변화의 개수 m (torch: history_size)',
    strongWolfe: "강한 Wolfe 조건을 만족하는 t를 선 탐색으로 찾습니다 (torch: line_search_fn='strong_wolfe'; 끄면 고정 스텝)",
  },
  adafactor: {
    lr: '상대 스텝 ρₜ = min(γ, 1/√t)의 상한 γ; 가중치 감쇠의 크기도 정합니다',
    beta2Decay: 'g² 평균의 감쇠율 β̂₂ₜ = 1 − t^τ의 지수 τ: t가 커질수록 과거를 더 천천히 잊습니다 (torch: beta2_decay)',
    eps1: '분모에서 √v의 하한 ε₁ (torch: eps[0]; torch의 None은 머신 엡실론이며, 여기서는 그 값이 기본값입니다)',
    eps2: '스텝의 기준이 되는 파라미터 RMS의 최솟값 ε₂: 그래서 0에 있는 파라미터도 움직입니다 (torch: eps[1])',
    d: '클리핑 임계값 d: 업데이트의 RMS가 d를 넘으면 그만큼 줄입니다',
    weightDecay: '분리된 가중치 감쇠 λ: 스텝 전에 p ← (1 − γλ)p',
    maximize: '내려가는 대신 올라갑니다 (torch는 기울기의 부호를 바꿉니다)',
  },
  newton: {
    lr: 'Newton 방향으로 가는 스텝 길이 γ (1이면 2차 모델의 정류점으로 곧장 갑니다)',
    damping: '헤세 행렬의 대각에 더하는 감쇠 δ (Levenberg): δ가 크면 학습률 γ/δ의 경사 하강법처럼 움직입니다',
  },
  saddlefreenewton: {
    lr: 'saddle-free Newton 방향으로 가는 스텝 길이 γ',
    damping: '고윳값의 절댓값 |λᵢ|에 더하는 감쇠 δ: 평평한 방향에서 스텝이 지나치게 커지지 않게 합니다',
  },
  sam: {
    lr: '기반 SGD의 학습률 γ',
    rho: '이웃의 반경 ρ: 그 안에서 (1차 근사로) 가장 나쁜 지점의 기울기를 씁니다',
    adaptive: 'ASAM (Kwon 등 2021): 이웃을 좌표마다 |θ|로 스케일합니다',
    momentum: '기반 SGD의 모멘텀 계수 μ',
    dampening: '기반 SGD의 모멘텀 댐프닝 τ',
    weightDecay: '가중치 감쇠 λ: 기반 SGD가 상승 지점에서 구한 기울기에 λp를 더합니다',
    nesterov: '기반 SGD의 Nesterov 모멘텀 (torch의 변형 공식)',
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
