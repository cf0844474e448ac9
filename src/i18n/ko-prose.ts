/**
 * Korean prose for the catalog surfaces and the optimizers (lazy: only Korean pages load it).
 * The English originals live with the data: a surface's `label`, `note` and `race.story` (and
 * the prose `label`s of its race entries) in surfaces/*.ts; a preset's `summary` in
 * src/core/optimizers/index.ts; an update rule's `differs` and its hyperparameters' `doc`
 * tooltips in src/core/optimizers/*.ts. Plain data keyed by the same ids the UI looks the English
 * up with; tests/unit/ko-prose.test.ts checks that the keys match and that no number is dropped.
 *
 * Style: 합니다체 as in ko.ts. Established test functions keep their Latin names (Rosenbrock,
 * Beale, …); the descriptive surfaces are translated (안장점, 협곡, 고원, 두 우물, 낙타 …).
 * Optimizer names, math, numbers and learning rates stay exactly as in the English.
 *
 * Also the Korean of the messages that say why a value was refused (an attribute's, a link's, a
 * `config`'s, a typed-in expression's), with the small functions that fill them in.
 */
import type { ParseFailure } from '../state/parse';
import type { Refusal, RefusalKey } from '../state/refusal';

export interface SurfaceProse {
  /** `Surface.label`, shown in the surface menu. */
  readonly label: string;
  /** `Surface.note`, one line in the toolbar (and under the map when the race is edited). */
  readonly note: string;
  /** `Surface.race.story`, under the map while the default race is shown. */
  readonly story?: string;
  /**
   * Race entries whose English `label` is prose rather than a preset name, keyed by that English
   * label (`'SGD, noisy gradients'`).
   */
  readonly raceLabels?: Readonly<Record<string, string>>;
}

export interface RuleProse {
  /** `OptimizerPreset.summary`: the one-line idea under the rule's heading. */
  readonly summary: string;
  /** `OptimizerPreset.differs` (the update rule's), after "torch와 논문의 차이:". */
  readonly differs?: string;
}

/** Keyed by surface id (surfaces/index.ts), in the catalog's teaching order. */
export const koSurfaces: Readonly<Record<string, SurfaceProse>> = {
  // Every typed-in surface (its id is expr:…); its name stays the expression.
  expr: {
    label: '',
    note: '직접 입력한 표면입니다.',
    story:
      '직접 입력한 표면입니다. 학습률은 이 표면의 전형적인 기울기와 곡률, 정의역의 크기로 정했을 뿐 조정한 값이 아닙니다. 시작점을 끌고, 학습률을 바꿔 가며 지켜보세요.',
  },
  saddle: {
    label: '안장점',
    note: '안장점 근처에서는 기울기가 사라집니다. 기본 SGD는 그곳에 머물고, 모멘텀과 적응형 방법은 더 빨리 빠져나갑니다.',
    story:
      'SGD는 기울기가 사라지는 안장점으로 미끄러져 내려가 그곳에 머뭅니다. Momentum과 Nesterov는 SGD보다 작은 학습률로도 안장점을 지나쳐 f가 계속 낮아지는 y축 방향으로 빠져나갑니다. RMSprop과 Adam은 아주 작은 y 방향 기울기를 제 크기의 스텝으로 키워 곧바로 벗어나고, Adadelta는 머뭇거리며 출발했다가 점점 빨라집니다.',
  },
  'monkey-saddle': {
    label: '원숭이 안장',
    note: '평평한 퇴화 안장점입니다. 기울기가 이차적으로 작아져서 보통 안장점보다 빠져나가는 데 훨씬 오래 걸립니다.',
    story:
      '원숭이 안장은 2차 항까지 평평해서 밀어내는 힘이 약하고, 모든 경로가 처음에는 기어가듯 움직입니다. SGD, Momentum, Nesterov는 능선을 따라 원점에서 0.62–0.72 거리까지 미끄러져 들어간 뒤 60° 방향으로 떨어지는 골짜기로 꺾입니다. Momentum과 Nesterov는 학습률이 0.0003으로 SGD의 0.002보다 작은데도 SGD보다 골짜기를 더 멀리 내려간 곳에서 끝납니다. Adagrad, RMSprop, Adam은 아주 작은 옆 방향 기울기를 키워 일찍 꺾어지므로 원점에 1.36보다 가까이 가지 않습니다. Adadelta(torch의 학습률 1)는 Adam만큼 머뭇거리며 출발했다가 계속 빨라져, 85스텝 뒤에 지도 밖으로 나가고 발산으로 표시됩니다. 그 골짜기를 따라 f가 끝없이 낮아지기 때문입니다.',
  },
  ravine: {
    label: '협곡',
    note: '조건수 100: 협곡을 가로지르는 방향에서 안정적인 스텝은 협곡을 따라서는 아주 작아서, 기본 SGD는 지그재그로 기어갑니다.',
    story:
      'SGD는 가파른 y 방향이 견딜 수 있는 한계 바로 아래의 학습률이라 협곡을 가로지르며 지그재그로 움직이다가 협곡을 따라 기어갑니다. Momentum은 지그재그를 평균 내어 없애고, Adagrad와 RMSprop은 좌표마다 자기 기울기 크기로 스텝을 조절해 협곡 한가운데를 곧장 내려갑니다. Adadelta는 torch의 학습률 1(조절할 학습률이 없음)로, ε이 정하는 약 0.003 크기의 스텝으로 출발해 지난 스텝들의 평균이 커지는 만큼만 빨라집니다. 200스텝 동안 최솟값까지의 9 가운데 1.2만 갑니다.',
  },
  plateau: {
    label: '고원',
    note: '평탄한 지대에서 기본 SGD는 멈춰 서지만, 기울기를 정규화하는 옵티마이저는 전속력으로 가로지릅니다.',
    story:
      '평탄한 지대에서는 기울기가 아주 작습니다. SGD는 학습률 1에서도 거의 움직이지 않고 Momentum은 천천히 속도를 붙일 뿐입니다. Adagrad, RMSprop, Adam은 기울기를 그 자신의 크기로 나누므로 전속력으로 평지를 가로질러 구덩이로 떨어집니다. torch의 학습률 1인 Adadelta는 ε이 정하는 약 0.003 크기의 스텝으로 출발해 400스텝 뒤에도 평지를 0.35만큼만 기어갑니다.',
  },
  'two-wells': {
    label: '두 우물',
    note: '가장 가까운 최솟값이 가장 좋은 최솟값은 아닙니다. 모멘텀은 경로를 능선 너머 더 깊은 우물로 데려갈 수 있습니다.',
    story:
      'Momentum을 빼고 모두 오른쪽의 더 가깝고 얕은 우물로 굴러 들어갑니다(torch의 학습률 1인 Adadelta는 ε이 정하는 약 0.003 크기의 첫 스텝 때문에 느려서 끝날 때도 아직 굴러 들어가는 중입니다). Momentum은 기억해 둔 속도 덕분에 능선을 넘어 더 깊은 우물로 갑니다. 같은 설정의 Nesterov는 앞을 내다보고 제동을 걸어 그대로 머뭅니다.',
  },
  booth: {
    label: 'Booth',
    note: '비스듬한 그릇 모양의 이차 함수(조건수 9)입니다. 옵티마이저가 작동하기는 하는지 보는 가장 단순한 시험입니다.',
    story:
      '기울어진 그릇이고 시작점이 두 축 어디에도 있지 않아서 경로가 휩니다. SGD는 먼저 그릇의 가파른 쪽을 내려간 뒤 완만한 바닥을 따라 (1, 3)의 최솟값으로 미끄러집니다. Adagrad, RMSprop, Adam은 첫 스텝의 x, y 크기가 같아서 처음에는 오른쪽 위 대각선으로 가다가 방향을 틉니다(Adam은 y 9.36까지). Momentum은 (2.38, 1.83)까지 지나쳤다가 휘어 돌아오고, Nesterov는 더 일찍 제동을 걸어 (1.84, 2.21)까지만 지나칩니다. torch의 학습률 1인 Adadelta는 ε이 정하는 약 0.003 크기의 스텝으로 출발해, 실행이 끝날 때 시작점에서 1.7만큼만 움직였습니다. 노이즈 섞인(미니배치 같은) 기울기를 받는 SGD는 최솟값 주변에서 계속 흔들리고, 가중치 감쇠(L2 페널티)를 쓴 SGD는 원점 쪽으로 끌려 최솟값 대신 (1.30, 1.97)에 자리 잡습니다.',
    raceLabels: {
      'SGD, noisy gradients': 'SGD, 노이즈 섞인 기울기',
      'SGD, weight decay 4': 'SGD, 가중치 감쇠 4',
    },
  },
  matyas: {
    label: 'Matyas',
    note: '대각선으로 완만하게 기운 골짜기(조건수 25): 바닥까지는 빠르고, 바닥을 따라서는 느립니다.',
    story:
      '벽은 빠르게 내려가고, 대각선 골짜기를 따라서는 느립니다. SGD는 골짜기를 따라 기어가고, Momentum은 속도를 붙이며, 적응형 방법들의 좌표별 스텝은 대각선 주위에서 지그재그로 움직입니다. torch의 학습률 1인 Adadelta는 ε이 정하는 약 0.003 크기의 스텝으로 출발해, 끝날 때도 시작점에서 2.8만큼 떨어진 벽을 아직 내려오는 중입니다.',
  },
  rosenbrock: {
    label: 'Rosenbrock',
    note: '휘어진 골짜기를 찾기는 쉽지만, 거의 평평한 바닥을 따라 최솟값까지 가는 길은 느립니다.',
    story:
      '모두 몇 스텝 만에 휘어진 골짜기로 떨어지고, 승부는 평평한 바닥을 따라 오래 기어가는 구간에서 납니다. Momentum과 Nesterov는 (SGD의 절반 학습률로) 바닥을 따라 속도를 붙여 (1, 1)의 최솟값에 도착하고 Adam도 도착합니다. SGD, Adagrad, RMSprop과 Adadelta(학습률 1, ε이 정하는 약 0.003 크기의 첫 스텝)는 아직 기어가는 중입니다.',
  },
  beale: {
    label: 'Beale',
    note: '평평한 턱과 가파른 벽: 기울기 크기가 여러 자릿수에 걸쳐 달라서 좌표별 스케일링이 유리합니다.',
    story:
      'Nesterov는 평평한 턱을 가로지르며 속도를 붙여 200스텝 안에 (3, 0.5)의 전역 최솟값에 도착합니다. 나머지는 (0, 1)의 안장점에서 멀어지며 왼쪽으로, 최솟값 없이 지도 밖까지 완만하게 계속 내려가는 두 번째 골짜기를 따라 미끄러집니다. SGD는 그 골짜기의 양쪽 벽 사이를 오가며 갇히고, Adadelta(torch의 학습률 1, ε이 정하는 약 0.003 크기의 첫 스텝)는 그 골짜기를 0.8만큼만 기어 내려가며, Adagrad, RMSprop, Adam은 실행이 끝날 때도 왼쪽으로 흘러가는 중입니다(Adam은 x ≈ −4.5). Momentum도 그쪽으로 가다가 250스텝이 지나 벽이 그 학습률에 비해 너무 가팔라지자 턱 너머로 튕겨 나가 역시 (3, 0.5)에 도착합니다.',
  },
  himmelblau: {
    label: 'Himmelblau',
    note: '똑같이 좋은 최솟값 네 개: 어느 것에 도달할지는 손실이 아니라 경로에 달려 있습니다.',
    story:
      '이 시작점에서는 모든 옵티마이저가 똑같이 좋은 최솟값 네 개 중 같은 하나, 왼쪽 위의 최솟값을 향해 서로 다른 속도로 가고, Adadelta를 빼고 모두 도착합니다(torch의 학습률 1에서 Adadelta의 첫 스텝은 ε이 정하는 약 0.003이라 끝날 때도 아직 가는 중입니다). 시작점을 능선 너머로 끌어 옮기면 모두 함께 바뀝니다. 어느 최솟값에 닿는지는 그 값이 얼마나 좋은지가 아니라 경로가 어디서 출발하는지에 달려 있습니다.',
  },
  'three-hump-camel': {
    label: '세 혹 낙타',
    note: '전역 최솟값 양옆에 더 얕은 최솟값이 하나씩 있습니다. 가파른 벽을 내려오면 어느 분지로 갈지 갈립니다.',
    story:
      '먼 비탈에서 출발한 SGD, Nesterov와 조심스러운 적응형 방법들은 옆쪽의 더 얕은 지역 최솟값 (−1.75, 0.87)에 자리 잡습니다(torch의 학습률 1에서 ε이 정하는 약 0.003 크기의 첫 스텝으로 출발한 Adadelta는 끝날 때도 아직 그리로 기어드는 중입니다). Momentum은 멈추지 않고 밀고 나가 원점의 전역 최솟값에 도착하고, 큰 학습률의 Adam도 그렇습니다.',
  },
  'six-hump-camel': {
    label: '여섯 혹 낙타',
    note: '최솟값 여섯 개 중 둘이 전역 최솟값입니다. 경로가 어디서 끝날지는 첫 몇 스텝에 달려 있습니다.',
    story:
      '일곱 모두 시작점 근처의 같은 지역 최솟값에서 끝납니다. 전역 최솟값은 분지 두 개 너머에 있고, 떠밀려 넘어가지 않는 한 어떤 경사 경로도 능선을 넘지 않습니다.',
  },
  'styblinski-tang': {
    label: 'Styblinski–Tang',
    note: '변수가 분리되는 사차 함수에 깊이가 세 가지인 최솟값 네 개: 가장 깊은 곳이 가장 가까운 곳은 아닙니다.',
    story:
      '가장 가까운 최솟값이 가장 깊은 것은 아닙니다. 모든 경로가 오른쪽 위 (2.75, 2.75)의 최솟값, 곧 시작점에서 가장 가깝고 가장 얕은 최솟값(f ≈ −50.06)으로 떨어지고, 전역 최솟값(f ≈ −78.33)은 왼쪽 아래 (−2.90, −2.90)에서 기다립니다.',
  },
  'goldstein-price': {
    label: 'Goldstein–Price',
    note: '함숫값이 여섯 자릿수에 걸쳐 있고 도중에 지역 최솟값도 있습니다. 스텝 크기에 얼마나 강건한지 시험합니다.',
    story:
      '함숫값이 여섯 자릿수에 걸쳐 있어 기본 스텝은 아주 작아야 합니다(학습률 1e-4의 SGD는 지역 최솟값에서 멈춥니다). 같은 학습률의 Momentum은 몇 스텝 만에 가파른 벽에서 발산합니다. 그 절반 학습률의 Nesterov는 제때 제동을 걸고, 기울기 크기로 나누는 Adam은 벽을 안전하게 넘어 둘 다 전역 최솟값에 도착합니다.',
  },
  rastrigin: {
    label: 'Rastrigin',
    note: '그릇 위에 지역 최솟값이 달걀판처럼 깔려 있습니다. 경사 하강법은 가장 가까운 오목한 곳에서 멈춥니다.',
    story:
      '오목한 곳이 가득한 달걀판입니다. 일곱 중 여섯은 시작점 바로 옆의 오목한 곳 (−2.98, 2.98)에서 멈춰 원점의 전역 최솟값과 멀리 떨어져 있습니다. 큰 학습률의 Adam만 빠져나옵니다. 일정한 크기의 첫 스텝들이 Adam을 대각선으로 지도 위쪽 밖까지 내던지고, Adam은 중심 건너편으로 돌아와 더 낮은 오목한 곳 (2.98, 1.99)(f ≈ 12.93)에 내려앉습니다. 원점은 아닙니다.',
  },
  ackley: {
    label: 'Ackley',
    note: '잔물결 아래 숨은 깊은 깔때기: 바깥 자락에서 출발한 경사 경로는 대부분 지역 최솟값에 갇힙니다.',
    story:
      '작고 조심스러운 스텝은 잔물결에 걸립니다. 큰 학습률의 SGD와 RMSprop은 잔물결 위를 미끄러지듯 넘어 중심의 깔때기로 향합니다.',
  },
  levi13: {
    label: 'Lévi N.13',
    note: '잔주름 아래의 매끈한 그릇: 작은 스텝은 잔물결에 걸리고, 큰 스텝은 그 위를 미끄러지듯 넘어갑니다.',
    story:
      '그릇 위의 잔주름: 작은 스텝은 첫 잔물결에 걸리고(torch의 학습률 1인 Adadelta는 ε이 정하는 약 0.003 크기에서 시작하는 스텝으로 기어갑니다), 큰 스텝(학습률 0.03의 SGD, RMSprop, 학습률 1의 Adam)은 그 위를 미끄러지듯 넘어 (1, 1)의 최솟값으로 향합니다.',
  },
  'linear-regression': {
    label: '선형 회귀',
    note: '128개의 점에 맞춘 직선의 평균제곱오차입니다. 기울기와 절편이 서로 맞바뀌어서 긴 골짜기가 됩니다.',
    story:
      '학습률이 같은 SGD 세 개, 배치 크기만 다릅니다. "배치 1"의 각 스텝은 128개의 점 가운데 하나만, "배치 8"은 여덟 개를, "전체 배치"는 모두를 봅니다. 전체 배치는 골짜기를 따라 매끄럽게 최솟값까지 내려갑니다. 배치가 작을수록 경로가 흔들리고, 미니배치 실행은 최솟값 근처에서 멈추지 못한 채 구름처럼 맴돕니다. 그 구름은 배치가 클수록 작아집니다(노이즈 바닥). 배치 1이 치른 값은 크지 않습니다. 400스텝 동안 본 샘플이 400개로, 전체 배치의 첫 네 스텝보다 적습니다.',
  },
  'logistic-regression': {
    label: '로지스틱 회귀',
    note: '겹쳐 있는 두 부류에 대한 선형 분류기의 교차 엔트로피입니다. 볼록하고, 유한한 최솟값이 하나 있습니다.',
    story:
      '모든 실행이 점 4개짜리 미니배치를 받습니다. 학습률이 일정한 SGD와 Adam은 최솟값 근처까지 빨리 가지만 그 뒤로는 계속 주변을 맴돕니다. 배치마다 저마다의 최적 가중치 쪽으로 당기기 때문입니다. 같은 두 옵티마이저에 코사인 스케줄(CosineAnnealingLR, 마지막 스텝까지 학습률이 0으로 줄어듦)을 주면 학습률이 줄어드는 만큼 맴돌기가 줄어 최솟값 가까이에 자리 잡습니다.',
  },
  'tiny-net': {
    label: '작은 신경망',
    note: '은닉 유닛 하나짜리 신경망입니다. 두 가중치의 부호를 모두 뒤집어도 같은 신경망이라 거울상인 최솟값이 둘이고, 그 사이 원점에 안장점이 있습니다.',
    story:
      '모든 실행이 원점의 안장점으로 이어지는 능선 위에서 출발합니다. 원점에서 신경망은 모든 입력에 0을 출력합니다. 전체 배치 경사 하강법은 능선을 따라 들어가 안장점에서 백 스텝 넘게 멈춰 있습니다(반올림 오차로만 빠져나옵니다). 미니배치의 노이즈는 SGD를 곧바로 능선에서 밀어내고, 실행이 두 거울상 최솟값 가운데 어느 쪽에 이르는지는 그 배치들에 달려 있습니다.',
  },
};

// One update rule serves several presets (SGD, Momentum and Nesterov; Adam and AMSGrad), and
// `differs` belongs to the rule: written once here so the presets cannot drift apart.
const sgdDiffers =
  'momentum을 쓰면 torch는 lr을 버퍼 밖에서 곱합니다(b ← μb + g, p ← p − γb). Sutskever 등은 버퍼 안에 넣습니다(v ← μv − γg, p ← p + v). γ가 일정하면 경로는 같습니다. ' +
  'nesterov를 쓰면 torch는 미리 내다본 점이 아니라 현재 점에서 기울기를 계산합니다. 반복값이 곧 미리 내다본 점이 되도록 바꿔 쓴 동등한 형태입니다.';
const adamDiffers =
  'ε은 √v를 √(1 − β₂ᵗ)로 나눈 뒤에 더합니다(Keras는 보정하지 않은 √v에 더합니다). AMSGrad는 보정하지 않은 v의 최댓값을 유지합니다.';

/** Keyed by preset id (src/core/optimizers/index.ts `optimizers`), as the rule panel looks them up. */
export const koRules: Readonly<Record<string, RuleProse>> = {
  sgd: { summary: '기울기의 반대 방향으로 곧장 내려갑니다.', differs: sgdDiffers },
  momentum: { summary: '이전에 가던 방향을 기억해 계속 나아갑니다.', differs: sgdDiffers },
  nesterov: { summary: '모멘텀이 데려갈 곳을 미리 보고, 지나치기 전에 제동을 겁니다.', differs: sgdDiffers },
  adagrad: {
    summary: '기울기 제곱의 합으로 좌표마다 학습률을 정합니다. 스텝은 점점 0으로 줄어듭니다.',
    differs: '논문에는 lrDecay도 initialAccumulatorValue도 없습니다(합은 torch의 기본값처럼 0에서 시작하고, Keras는 0.1에서 시작합니다). torch의 ε은 논문의 δ처럼 제곱근 밖에 있습니다.',
  },
  adadelta: {
    summary: '합 대신 이동 평균을 쓰고 지난 스텝 크기로 스케일을 맞춥니다. 학습률이 필요 없습니다.',
    differs: '논문에는 학습률이 없습니다. torch의 lr(기본값 1.0)은 논문의 스텝에 곱해집니다.',
  },
  rmsprop: {
    summary: 'Adadelta의 이동 평균에 학습률을 다시 넣었습니다.',
    differs: 'torch는 ε을 제곱근 밖에서, TensorFlow는 안에서 더합니다. 모멘텀을 쓰면 torch는 g / d를 누적합니다.',
  },
  adam: { summary: 'RMSprop의 좌표별 스케일링에 모멘텀의 기울기 평균을 더했습니다.', differs: adamDiffers },
  amsgrad: { summary: '스케일링 v가 줄어들지 않게 하는 Adam입니다(지금까지의 최댓값).', differs: adamDiffers },
  adamw: {
    summary: '가중치 감쇠를 기울기가 아니라 파라미터에 적용하는 Adam입니다.',
    differs: 'torch는 분리된 감쇠에 lr을 곱합니다(p ← p − γλp). 논문은 별도의 스케줄을 씁니다.',
  },
};

const shared = {
  lr: '학습률',
  eps: '수치 안정성을 위해 더하는 항',
  weightDecay: '가중치 감쇠: 기울기에 weightDecay * p를 더합니다 (L2 페널티)',
  maximize: '내려가는 대신 올라갑니다 (torch는 기울기의 부호를 바꿉니다)',
  beta1: '기울기 이동 평균의 감쇠율 (torch: betas[0])',
  beta2: '기울기 제곱 이동 평균의 감쇠율 (torch: betas[1])',
  decoupledWeightDecay: 'AdamW처럼 가중치 감쇠를 p에 직접 적용합니다',
} as const;

/**
 * The hyperparameters' tooltips (`HyperSpec.doc`, the title of each field under "설정 더 보기"),
 * keyed by update-rule id (src/core/optimizers/index.ts `rules`, i.e. a preset's `ruleId`), then
 * by the hyperparameter's key.
 */
export const koHyperDocs: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  sgd: {
    lr: shared.lr,
    momentum: '모멘텀 계수 μ',
    dampening: '모멘텀의 댐프닝 τ',
    weightDecay: shared.weightDecay,
    nesterov: 'Nesterov 모멘텀 (torch의 변형 공식)',
    maximize: shared.maximize,
  },
  adagrad: {
    lr: shared.lr,
    lrDecay: '학습률 감쇠 η: lr / (1 + (t − 1) η)',
    weightDecay: shared.weightDecay,
    initialAccumulatorValue: '기울기 제곱 합의 초깃값 s₀',
    eps: shared.eps,
    maximize: shared.maximize,
  },
  adadelta: {
    lr: 'Δ를 적용하기 전에 곱하는 계수 (1 = 논문)',
    rho: '두 이동 평균의 감쇠율 ρ',
    eps: shared.eps,
    weightDecay: '가중치 감쇠: 기울기에 weightDecay * p를 더합니다',
    maximize: shared.maximize,
  },
  rmsprop: {
    lr: shared.lr,
    alpha: 'g² 이동 평균의 평활 상수 α',
    eps: shared.eps,
    weightDecay: shared.weightDecay,
    momentum: '스케일된 스텝에 적용하는 모멘텀 계수 μ',
    centered: '대신 기울기 분산의 추정값으로 나눕니다',
    maximize: shared.maximize,
  },
  adam: {
    lr: shared.lr,
    beta1: shared.beta1,
    beta2: shared.beta2,
    eps: shared.eps,
    weightDecay: '가중치 감쇠 λ',
    amsgrad: 'AMSGrad: v의 누적 최댓값으로 나눕니다 (Reddi 외, 2018)',
    maximize: shared.maximize,
  },
  adamw: {
    lr: shared.lr,
    beta1: shared.beta1,
    beta2: shared.beta2,
    eps: shared.eps,
    weightDecay: '분리된 가중치 감쇠 λ: p ← p − γλp',
    amsgrad: 'AMSGrad: v의 누적 최댓값으로 나눕니다 (Reddi 외, 2018)',
    maximize: shared.maximize,
  },
};

/**
 * A typed-in expression's errors (the core's SurfaceError, by its `code`), for the expression
 * field of a Korean widget. `{where}` is the place ("5번째 글자"), `{token}` the characters at
 * fault as typed. The English is the core's own message.
 */
export const koSurfaceErrors: Readonly<Record<string, string>> = {
  type: '수식은 문자열이어야 합니다.',
  empty: '수식이 비어 있습니다.',
  'too-long': '수식이 너무 깁니다. 1,000자까지 쓸 수 있습니다.',
  'too-deep': '괄호나 연산이 너무 깊게 겹쳐 있습니다({where}). 64단계까지 쓸 수 있습니다.',
  syntax: '수식을 해석할 수 없습니다({where}).',
  'unknown-function': '"{token}"은(는) 쓸 수 있는 함수가 아닙니다({where}). 함수: sqrt, exp, log, sin, cos, tan, tanh, sinh, cosh, atan, abs, min, max 등.',
  'unknown-variable': '"{token}"은(는) 쓸 수 없는 이름입니다({where}). 변수는 x와 y, 상수는 pi와 e입니다.',
  arity: '"{token}"에 넘긴 인자의 개수가 맞지 않습니다({where}).',
  disallowed: '"{token}"은(는) 수식에 쓸 수 없습니다({where}). 숫자, x, y, pi, e, + - * / ^, 괄호와 함수만 쓸 수 있습니다.',
  'bad-number': '숫자 {token}은(는) 너무 커서 유한한 값이 아닙니다({where}).',
  'not-finite': 'f가 정의역의 대부분에서 유한한 값이 아닙니다. 식이나 x, y 범위를 바꿔 보세요.',
  'too-complex': '수식이 너무 복잡합니다. f와 기울기, 헤세 행렬을 합쳐 연산 2,000개까지 쓸 수 있습니다.',
};

/**
 * Why an attribute's value was refused (src/state/parse.ts's `problem`, with its `params`), after
 * "속성 name="value":". The English is parse.ts's own message.
 */
export const koParseErrors: Readonly<Record<string, string>> = {
  surface: '카탈로그에 없는 표면입니다. 쓸 수 있는 표면: {ids}',
  expression: '비어 있습니다. x와 y로 된 수식을 넣으세요(예: "x^2 + 3*y^2")',
  domain: '"xmin xmax ymin ymax" 꼴의 숫자 네 개여야 합니다(예: "-4 4 -3 3")',
  domainX: 'xmin이 xmax보다 작아야 합니다. 받은 값: xmin {x0}, xmax {x1}',
  domainY: 'ymin이 ymax보다 작아야 합니다. 받은 값: ymin {y0}, ymax {y1}',
  start: '"x y" 꼴의 숫자 두 개여야 합니다(예: "-1.5 2")',
  startOutside: '표면의 정의역({domain}) 밖에 있습니다',
  steps: '1부터 {max}까지의 정수여야 합니다',
  speed: '초당 단계 수로, (0, {max}] 범위의 숫자여야 합니다',
  noise: 'noise는 0 이상의 숫자(기울기 노이즈의 표준편차)여야 합니다. 받은 값: "{text}"',
  batch: 'batch는 1 이상의 정수여야 합니다. 받은 값: "{text}"',
  layout: '{layouts} 중 하나여야 합니다',
  switch: '1(켜기) 또는 0(끄기)이어야 합니다',
  step: '0 이상의 정수여야 합니다',
  optimizer: '옵티마이저가 아닙니다. 쓸 수 있는 옵티마이저: {ids}',
  option: '{kind}의 설정이 아닙니다. {kind}의 설정: {options}',
  boolean: 'true 또는 false여야 합니다',
  number: '숫자여야 합니다',
  hyperFinite: '{key}에는 유한한 숫자를 넣어야 합니다',
  hyperMin: '{key}은(는) {min} 이상이어야 합니다',
  hyperRange: '{key}은(는) {range} 범위의 숫자여야 합니다',
  nesterov: 'nesterov=true는 momentum이 0보다 크고 dampening이 0일 때만 쓸 수 있습니다',
};

/**
 * Why part of a link or of a `config` was refused (src/state/refusal.ts; the English is hash.ts's
 * linkMessages and normalize.ts's configMessages), shown in a Korean playground's `error` part.
 * `{why}` is the reason in Korean (koParseErrors, koSurfaceErrors).
 */
export const koRefusals: Readonly<Record<RefusalKey, string>> = {
  linkEntryForm: '링크의 opt 항목 "{text}"은(는) 이름(키=값,...) 꼴이 아닙니다.',
  linkEntryKind: '링크의 "{name}": {why}.',
  linkEntryOption: '링크의 {kind} {key}={value}: {why}.',
  linkUnknown: '링크의 "{name}"은(는) 알 수 없는 설정입니다. 쓸 수 있는 설정: {known}.',
  linkValue: '링크의 {key}={value}: {why}.',
  linkTooManyRuns: '링크의 opt에 실행이 {n}개 있습니다. 처음 {max}개만 비교합니다.',
  linkNoOptimizer: '링크의 opt에 쓸 수 있는 옵티마이저가 하나도 없습니다. 옵티마이저: {ids}.',
  linkTooManySteps: '링크의 steps={steps} × 실행 {runs}개는 모두 {total}단계로, 최대 {max}단계를 넘습니다. 실행마다 {fit}단계를 계산합니다.',
  linkDomainNeedsExpr: '링크의 domain은 직접 입력한 수식의 범위라 expr 값이 필요합니다. 무시했습니다.',
  linkExprEmpty: '링크의 expr: {why}.',
  linkExprNeedsCompiler: '링크의 expr: 수식 컴파일러를 불러오지 못했습니다.',
  linkExpr: '링크의 expr={value}: {why}',
  configSurface: 'config.surface "{value}": 카탈로그에 없는 표면입니다. 쓸 수 있는 표면: {ids}.',
  configOptimizersType: 'config.optimizers {value}: { kind, hyper?, enabled?, label?, noise?, batch?, schedule? } 객체의 배열이어야 합니다.',
  configTooManyRuns: 'config.optimizers에 실행이 {n}개 있습니다. 처음 {max}개만 비교합니다.',
  configOptimizer: 'config.optimizers: "{name}"은(는) 옵티마이저가 아닙니다. 쓸 수 있는 옵티마이저: {ids}.',
  configOption: 'config.optimizers ({kind}) {option}={value}: {why}.',
  configRunOption: 'config.optimizers ({kind}): {key} {value}: {why}',
  configExprType: 'config.expr은(는) x와 y로 된, 비어 있지 않은 수식이어야 합니다. 받은 값: {value}.',
  configDomain: 'config.domain은 유한한 min < max인 { x: [min, max], y: [min, max] }여야 합니다. 받은 값: {value}.',
  configDomainNeedsExpr: 'config.domain은 직접 입력한 수식의 범위라 config.expr 값이 필요합니다. 무시했습니다.',
  configStartOutside: 'config.start [{x}, {y}]은(는) 표면의 정의역({domain}) 밖에 있습니다.',
  configStart: 'config.start {value}: 유한한 숫자 두 개 [x, y]여야 합니다.',
  configTooManySteps: 'config.steps {steps} × 실행 {runs}개는 모두 {total}단계로, 최대 {max}단계를 넘습니다. 실행마다 {fit}단계를 계산합니다.',
  configField: 'config.{name} {value}: {why}.',
  configFieldType: 'config.{name} {value}: 숫자나 문자열이어야 합니다.',
};

/** A typed-in expression's error (the core's SurfaceError) in Korean: its code's message, with the place and the characters at fault. */
export function koSurfaceErrorText(error: { readonly code?: string; readonly start?: number; readonly end?: number }, expr: string): string | undefined {
  const template = error.code ? koSurfaceErrors[error.code] : undefined;
  if (!template) return undefined;
  const start = error.start ?? 0;
  const end = error.end ?? start;
  const where = end - start > 1 ? `${start + 1}–${end}번째 글자` : `${start + 1}번째 글자`;
  return template.replace('{where}', where).replace('{token}', expr.slice(start, end));
}

/** `template` with its `{name}` parameters filled in, in one pass (as src/state/refusal.ts's fill). */
const fill = (template: string, params: Readonly<Record<string, string | number>> = {}) =>
  template.replace(/\{(\w+)\}/g, (m, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : m));

let koErrors: typeof import('./ko-errors') | undefined;
let koErrorsLoading: Promise<void> | undefined;

/**
 * Loads the core's refusals in Korean (ko-errors.ts: no part of a first picture, so a chunk of its
 * own) once; when they are here, the page's widgets render again to show them (until then a
 * refusal reads in English). Resolves when they are here.
 */
export function koErrorsReady(): Promise<void> {
  koErrorsLoading ??= import('./ko-errors').then(
    (m) => {
      koErrors = m;
      for (const el of globalThis.document?.querySelectorAll('descent-playground, descent-surface, descent-optimizer') ?? []) {
        (el as Element & { requestUpdate?: () => void }).requestUpdate?.();
      }
    },
    () => {
      koErrorsLoading = undefined;
    },
  );
  return koErrorsLoading;
}

/** The core's refusal of a run (an OptionError's message) in Korean, once ko-errors.ts is here (loading it). */
function koRefusal(message: string): string | undefined {
  if (!koErrors) void koErrorsReady();
  return koErrors?.koOptionError(message);
}

/** Why a value was refused: a parse failure (src/state/parse.ts) or a refusal of a link or a `config`. */
export type Message = Pick<ParseFailure, 'message' | 'problem' | 'params'> | Refusal;

/**
 * A message in Korean (src/i18n: messageText): a parse failure by its `problem`; a refusal by its
 * key, with its reason in Korean where that has one (else the reason stays in English); a plain
 * string, the core's refusal of a run (an OptionError's message), by its wording (ko-errors.ts,
 * loaded the first time one is asked for: until then, undefined).
 */
export function koMessage(message: Message | string): string | undefined {
  if (typeof message === 'string') return koRefusal(message);
  if (!('key' in message)) {
    const { problem, params } = message;
    // A value in its spec's range that the rule's own check refused (Rprop's etaPlus 1, etaMinus
    // 0): the range would say it is allowed, so the core's wording is translated instead.
    if ((problem === 'hyperMin' && !message.message.includes(`>= ${params?.min}`)) || (problem === 'hyperRange' && !message.message.includes(`${params?.range}`))) {
      return koRefusal(message.message);
    }
    return problem && koParseErrors[problem] && fill(koParseErrors[problem], params);
  }
  const { why } = message;
  const reason = why && ('code' in why ? koSurfaceErrorText(why, why.expr) : koMessage(why) || koRefusal(why.message));
  return fill(koRefusals[message.key], { ...message.params, why: reason || (why?.message ?? '') });
}
