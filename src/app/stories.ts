/**
 * index.html's stories: races set up to show what one optimizer does that the others do not, each
 * a link (the same hash format as "Copy link") with its text in English and Korean. The page lists
 * them under its intro and shows a story's text while the playground shows that race (any change
 * to it hides the text, as the playground does with a surface's own story).
 */
import type { Lang } from '../i18n/index';

export interface Story {
  readonly id: string;
  /** The race, as a link's hash (without `#` and without the page's lang and theme). */
  readonly hash: string;
  readonly title: Readonly<Record<Lang, string>>;
  readonly text: Readonly<Record<Lang, string>>;
}

export const stories: readonly Story[] = [
  {
    // The figures are the run's own (tests/e2e/stories.spec.ts checks each). Lion last, so that its
    // path is drawn over the others'.
    id: 'lion-ravine',
    hash: 'surface=ravine&start=-9,1.5&steps=200&speed=40&opt=sgd(lr=0.19),adam(lr=0.1),rmsprop(lr=0.1),lion(lr=0.05)',
    title: { en: "Lion's sign steps on the ravine", ko: '협곡에서 Lion의 부호 스텝' },
    text: {
      en:
        "Lion moves every coordinate by exactly its learning rate each step, whatever the gradient's size. From the wall it heads down at 45°, crosses the ravine's floor at step 30 and, its slow momentum (β₂ 0.99) still pointing down, climbs 0.9 up the other wall before it turns back; from step 65 it walks the flat floor at a steady 0.05 a step, flickering ±0.05 across it, reaches the minimum at step 180 and walks on past it. SGD and Adam slow down as the gradient fades; Lion's step never does.",
      ko:
        'Lion은 기울기의 크기와 상관없이 매 스텝 모든 좌표를 정확히 학습률만큼 움직입니다. 벽에서 45°로 내려와 30스텝에 협곡 바닥을 지나고, 느린 모멘텀(β₂ 0.99)이 여전히 아래를 가리키므로 반대쪽 벽을 0.9만큼 올라갔다가 돌아옵니다. 65스텝부터는 평평한 바닥을 스텝마다 0.05씩 일정하게 걸으며 바닥 양쪽으로 ±0.05씩 흔들리고, 180스텝에 최솟값에 닿은 뒤에도 그대로 지나쳐 갑니다. SGD와 Adam은 기울기가 잦아들면 느려지지만 Lion의 스텝은 줄지 않습니다.',
    },
  },
  {
    // One L-BFGS step is one optimizer.step(closure) call: with maxIter 1, one iteration, so that
    // steps compare with the others' (tests/e2e/stories.spec.ts checks the figures).
    id: 'lbfgs-rosenbrock',
    hash: 'surface=rosenbrock&start=-1.2,1&steps=100&speed=15&opt=sgd(lr=0.002),momentum(lr=0.001),adam(lr=0.1),lbfgs(maxIter=1,strongWolfe=true)',
    title: { en: 'L-BFGS follows the curved valley', ko: '굽은 골짜기를 따라가는 L-BFGS' },
    text: {
      en:
        "Each L-BFGS step here is one iteration of torch's L-BFGS (maxIter 1) with its strong-Wolfe line search. From its last steps and how the gradient changed along them it estimates the curvature, so it takes long steps along the valley's flat floor and short ones across its steep walls: it is within 0.001 of the minimum (1, 1) at step 33, after 74 evaluations of f and its gradient (the line search's trial points show in the inner-state view). At step 100 Momentum is still 0.72 from it and Adam 1.79; they get there at steps 1580 and 1220.",
      ko:
        '여기서 L-BFGS의 한 스텝은 torch L-BFGS의 반복 한 번(maxIter 1)이며, strong-Wolfe 선 탐색을 씁니다. 최근 스텝들과 그 사이 기울기가 어떻게 변했는지로 곡률을 추정하므로, 골짜기의 평평한 바닥을 따라서는 길게, 가파른 벽을 가로질러서는 짧게 움직입니다. 33스텝에 최솟값 (1, 1)에서 0.001 안으로 들어오며, 그때까지 f와 기울기를 74번 계산했습니다(선 탐색이 시험한 점들은 내부 상태 보기에서 보입니다). 100스텝에서 Momentum은 아직 0.72, Adam은 1.79 떨어져 있고, 각각 1580스텝과 1220스텝에 도착합니다.',
    },
  },
  {
    id: 'newton-saddle',
    hash: 'surface=saddle&start=1.8,0.05&steps=40&speed=8&opt=sgd(lr=0.05),newton(lr=0.5),saddle-free-newton(lr=0.5)',
    title: { en: 'Newton walks into the saddle', ko: '안장점으로 걸어 들어가는 뉴턴법' },
    text: {
      en:
        "On x² − y² the Hessian is diag(2, −2): f curves up along x and down along y. Newton's step −H⁻¹∇f goes to where its quadratic model is flat, and here that is the saddle itself: at lr 0.5 it halves its distance to (0, 0) every step, straight in, and stops there at step 29 (at lr 1 it lands in one step). Saddle-free Newton divides by |H| instead: the same steps along x, but along y it goes downhill, 1.5 times further from the saddle each step, and leaves the map at step 10 (marked diverged at 17: f falls without bound). SGD (lr 0.05) escapes too, slowly, since the pull along y is tiny near the saddle: it leaves the map at step 39. A method that trusts the Hessian is drawn to saddles; the notes' reason second-order methods need care in deep networks, where saddles abound.",
      ko:
        'x² − y²의 헤세 행렬은 diag(2, −2)입니다. f는 x 방향으로는 위로, y 방향으로는 아래로 휩니다. 뉴턴법의 스텝 −H⁻¹∇f는 이차 근사가 평평해지는 곳으로 가는데, 여기서는 그곳이 바로 안장점입니다. 학습률 0.5에서는 매 스텝 (0, 0)까지의 거리를 절반으로 줄이며 곧장 들어가 29스텝에 멈춥니다(학습률 1이면 한 스텝에 도착합니다). Saddle-free Newton은 H 대신 |H|로 나눕니다. x 방향으로는 같은 스텝이지만 y 방향으로는 내리막으로 가서 매 스텝 안장점에서 1.5배씩 멀어지고, 10스텝에 지도를 벗어납니다(f가 한없이 작아지므로 17스텝에 발산으로 표시됩니다). SGD(학습률 0.05)도 빠져나가지만 안장점 근처에서는 y 방향의 당김이 아주 작아서 느리게, 39스텝에 지도를 벗어납니다. 헤세 행렬을 그대로 믿는 방법은 안장점에 끌려갑니다. 안장점이 흔한 깊은 신경망에서 2차 방법을 조심해서 써야 하는 이유로 노트가 드는 점입니다.',
    },
  },
  {
    id: 'newton-monkey-saddle',
    hash: 'surface=monkey-saddle&start=1.6,0.05&steps=40&speed=8&opt=sgd(lr=0.002),newton(lr=1),saddle-free-newton(lr=0.5)',
    title: { en: 'Newton and the monkey saddle', ko: '뉴턴법과 원숭이 안장' },
    text: {
      en:
        "f = x³ − 3xy² is cubic, so its Hessian times θ is twice its gradient, and Newton's step −H⁻¹∇f is −θ/2 wherever it starts: at lr 1 Newton halves its distance to the centre every step, straight in along the ray from its start (0.0016 from it at step 10), to the degenerate saddle where H = 0, and stops there at step 15. Saddle-free Newton turns away: it takes the curvature's size, not its sign, heads for the valley that falls away at 60° and leaves the map at step 12. SGD (lr 0.002) has moved 0.45 in 40 steps, slowly, as the saddle is flat to second order.",
      ko:
        'f = x³ − 3xy²는 3차식이라서 헤세 행렬과 θ의 곱이 기울기의 두 배가 되고, 뉴턴법의 스텝 −H⁻¹∇f는 어디서 출발하든 −θ/2입니다. 학습률 1에서 뉴턴법은 출발점에서 중심으로 가는 반직선을 따라 곧장, 매 스텝 중심까지의 거리를 절반으로 줄이며(10스텝에 0.0016) H = 0인 퇴화 안장점으로 들어가 15스텝에 멈춥니다. Saddle-free Newton은 곡률의 부호가 아니라 크기만 쓰므로 방향을 틀어, 60° 방향으로 떨어지는 골짜기로 가서 12스텝에 지도를 벗어납니다. SGD(학습률 0.002)는 안장이 2차까지 평평하므로 40스텝 동안 0.45만 천천히 움직였습니다.',
    },
  },
  {
    // The figures are the runs' own (tests/e2e/stories.spec.ts checks each).
    id: 'rprop-plateau',
    hash: 'surface=plateau&steps=200&speed=40&opt=sgd(lr=1),adam(lr=0.03),rprop(lr=0.01)',
    title: { en: 'Rprop grows its steps on the plateau', ko: '고원에서 보폭을 키우는 Rprop' },
    text: {
      en:
        "Rprop looks only at the sign of each coordinate's gradient, never at its size. On the plain the gradient is below 0.001, yet Rprop's step, lr 0.01 in each coordinate at first, grows 1.2 times a step while the sign holds: its 23rd step is 0.55 in x and in y, 55 times the first. Both coordinates take the same step, so it heads off at 45° rather than at the hole and passes it; from there each coordinate whose gradient changes sign halves its step and skips one, and Rprop is within 0.001 of the minimum (1, −1) at step 48. SGD, at lr 1, moves 0.18 in 200 steps; Adam (lr 0.03) is within 0.001 at step 174.",
      ko:
        'Rprop은 좌표마다 기울기의 부호만 보고 크기는 보지 않습니다. 평원에서 기울기는 0.001도 되지 않지만, Rprop의 스텝은 처음에 좌표마다 학습률 0.01이었다가 부호가 유지되는 동안 매 스텝 1.2배씩 커져서, 23번째 스텝은 x와 y로 각각 0.55, 첫 스텝의 55배가 됩니다. 두 좌표가 같은 크기로 움직이므로 구멍을 곧장 겨냥하지 않고 45° 방향으로 나아가다 구멍을 지나치고, 그 뒤로는 기울기의 부호가 바뀐 좌표마다 스텝을 절반으로 줄이고 한 스텝을 쉬어 48스텝에 최솟값 (1, −1)에서 0.001 안으로 들어옵니다. 학습률 1의 SGD는 200스텝 동안 0.18만 움직이고, Adam(학습률 0.03)은 174스텝에 0.001 안으로 들어옵니다.',
    },
  },
  {
    // Each noisy run draws its own noise, seeded by its place in the race (ASGD's: seed 3). The
    // inner-state view marks ā, which the path does not show.
    id: 'asgd-booth',
    hash: 'surface=booth&inspect=1&opt=sgd(lr=0.05,noise=10),adam(lr=0.3,noise=10),asgd(lr=0.05,t0=48,noise=10)',
    title: { en: "ASGD's average through the noise", ko: '잡음 속에서 평균을 내는 ASGD' },
    text: {
      en:
        "Noisy gradients (σ 10, standing in for small mini-batches) keep every path jittering around the minimum (1, 3): from step 100 on, SGD (lr 0.05) is 1.0 from it on average and up to 3.5, and ASGD's own path, SGD's rule with a slowly shrinking step, 1.0 and up to 4.0. What ASGD returns, though, is ā, the average of its iterates, here from step 50 on (t0 48), in which the noise largely cancels out. ā (the inner-state view marks it) stays within 0.43 of the minimum from step 100 on and ends 0.22 from it, moving 0.38 in the last 100 steps while the path moves 74. Adam (lr 0.3) jitters as well, 0.81 from the minimum on average.",
      ko:
        '작은 미니배치를 흉내 낸 잡음 섞인 기울기(σ 10) 때문에 모든 경로가 최솟값 (1, 3) 주위에서 흔들립니다. 100스텝부터 SGD(학습률 0.05)는 최솟값에서 평균 1.0, 최대 3.5만큼 떨어져 있고, SGD의 규칙을 천천히 줄어드는 스텝으로 따르는 ASGD 자신의 경로도 평균 1.0, 최대 4.0만큼 떨어져 있습니다. 하지만 ASGD가 돌려주는 것은 반복점들의 평균 ā이고, 여기서는 50스텝부터(t0 48)의 평균이라 잡음이 대부분 상쇄됩니다. ā(내부 상태 보기에 표시됩니다)는 100스텝부터 최솟값에서 0.43 안에 머물다 0.22 떨어진 곳에서 끝나며, 마지막 100스텝 동안 경로가 74만큼 움직일 때 ā는 0.38만 움직입니다. Adam(학습률 0.3)도 흔들리며 최솟값에서 평균 0.81 떨어져 있습니다.',
    },
  },
  {
    id: 'adafactor-himmelblau',
    hash: 'surface=himmelblau&start=0,0&steps=200&speed=40&opt=sgd(lr=0.01),adam(lr=0.1),adafactor(lr=0.1)',
    title: { en: "Adafactor's relative steps from zero", ko: '0에서 출발한 Adafactor의 상대적 스텝' },
    text: {
      en:
        "Adafactor's step is relative: ρ = min(lr, 1/√t) times the parameters' root mean square RMS(θ), so that each weight moves by a fraction of its own size. Started at (0, 0), where that size is 0, it moves by the floor ε₂ = 0.001 instead: its first 11 steps are 0.00014 long. From step 12 to step 90 each step is exactly lr = 0.1 times its distance from the origin, so that distance grows 1.1 times a step: 0.0037 at step 20, 0.064 at step 50, 1.1 at step 80. It is within 0.001 of the minimum (3, 2) at step 106; Adam at the same lr, whose first step is already 0.14, at step 153, and SGD (lr 0.01), whose first step down the steep slope is 0.26, at step 28.",
      ko:
        'Adafactor의 스텝은 상대적입니다. 매개변수의 제곱평균제곱근 RMS(θ)에 ρ = min(lr, 1/√t)를 곱한 크기라서, 가중치마다 자기 크기의 일정 비율만큼 움직입니다. 그 크기가 0인 (0, 0)에서 출발하면 대신 하한 ε₂ = 0.001을 써서, 처음 11스텝은 0.00014씩만 움직입니다. 12스텝부터 90스텝까지는 매 스텝 원점까지 거리의 정확히 학습률 0.1배만큼 움직이므로 그 거리가 스텝마다 1.1배가 되어, 20스텝에 0.0037, 50스텝에 0.064, 80스텝에 1.1이 됩니다. 106스텝에 최솟값 (3, 2)에서 0.001 안으로 들어오는데, 같은 학습률에서 첫 스텝부터 0.14를 움직이는 Adam은 153스텝에, 가파른 비탈에서 첫 스텝이 0.26인 SGD(학습률 0.01)는 28스텝에 들어옵니다.',
    },
  },
  {
    // rectify=false: without the package's RAdam-style rectification (its first five steps
    // plain SGD), AdaBelief differs from Adam only in dividing by s instead of v.
    id: 'adabelief-ravine',
    hash: 'surface=ravine&opt=sgd(lr=0.19),adam(lr=0.1),adabelief(lr=0.1,rectify=false)',
    title: { en: 'AdaBelief trusts a steady gradient', ko: '안정된 기울기를 믿는 AdaBelief' },
    text: {
      en:
        "AdaBelief divides by s, how far the gradient strays from its running average m, where Adam divides by v, the gradient's own size (rectification off here, so that this is the only difference). Along the ravine's floor (curvature 0.1) the gradient changes slowly and stays close to m, so s stays small: AdaBelief's steps along it grow to 0.19 by step 22, nearly twice its lr 0.1, while Adam's never exceed its first, 0.1. Across the steep walls (curvature 10) the gradient changes fast and s is larger: at step 50 AdaBelief's step size along the floor is 15 times the one across it, Adam's 8 times. At step 50 AdaBelief is at x = −1.18 and Adam at −4.42; AdaBelief is within 0.01 of the minimum at step 122, Adam at step 231, and SGD (lr 0.19) not within the 200 steps.",
      ko:
        'Adam이 기울기 자체의 크기 v로 나누는 자리에서, AdaBelief는 기울기가 이동 평균 m에서 얼마나 벗어나는지를 나타내는 s로 나눕니다(여기서는 이 차이만 남도록 RAdam식 보정인 rectify를 껐습니다). 협곡 바닥을 따라서는(곡률 0.1) 기울기가 천천히 변해 m 가까이에 머물므로 s가 작고, AdaBelief의 바닥 방향 스텝은 22스텝에 학습률 0.1의 두 배 가까운 0.19까지 커지지만 Adam의 스텝은 첫 스텝의 0.1을 넘지 않습니다. 가파른 벽을 가로지르는 방향으로는(곡률 10) 기울기가 빠르게 변해 s가 커서, 50스텝에서 AdaBelief의 바닥 방향 스텝 크기는 가로 방향의 15배, Adam은 8배입니다. 50스텝에 AdaBelief는 x = −1.18, Adam은 −4.42에 있고, AdaBelief는 122스텝에, Adam은 231스텝에 최솟값에서 0.01 안으로 들어오며, SGD(학습률 0.19)는 200스텝 안에 들어오지 못합니다.',
    },
  },
  {
    id: 'yogi-rosenbrock',
    hash: 'surface=rosenbrock&speed=100&opt=sgd(lr=0.002),adam(lr=0.03,beta2=0.99),yogi(lr=0.03,beta2=0.99)',
    title: { en: 'Yogi remembers a steep start', ko: '가파른 출발을 오래 기억하는 Yogi' },
    text: {
      en:
        "Yogi changes its second moment v by at most (1 − β₂)g² a step, up or down, where Adam's v forgets the share 1 − β₂ of itself every step; both run here at lr 0.03 and β₂ 0.99. Rosenbrock's first steps are steep (|∇f| is 233 at the start), and v for x climbs past 1100 in both. Along the curved valley the gradient is then at most 2.3 from step 100 on, so Yogi's v can fall by at most 0.054 a step: it is still 1190 at step 1000, and its steps stay under 0.003 long. Adam's v is down to 11 at step 500, its steps grow, and it is within 0.001 of (1, 1) at step 932; Yogi ends at (0.38, 0.14), 1.06 from it.",
      ko:
        'Yogi는 2차 모멘트 v를 매 스텝 많아야 (1 − β₂)g²만큼 더하거나 빼지만, Adam의 v는 매 스텝 자기 자신의 1 − β₂만큼을 잊습니다. 여기서는 둘 다 학습률 0.03, β₂ 0.99입니다. Rosenbrock의 처음 몇 스텝은 가팔라서(출발점에서 |∇f|는 233) x의 v가 둘 다 1100을 넘게 올라갑니다. 그 뒤 굽은 골짜기를 따라 100스텝부터는 기울기가 2.3을 넘지 않으므로 Yogi의 v는 한 스텝에 많아야 0.054밖에 줄지 못해 1000스텝에도 1190이고, 스텝 길이는 0.003 미만에 머뭅니다. Adam의 v는 500스텝에 11까지 내려가 스텝이 커지고, 932스텝에 (1, 1)에서 0.001 안으로 들어옵니다. Yogi는 거기서 1.06 떨어진 (0.38, 0.14)에서 끝납니다.',
    },
  },
  {
    // The two Adams are labelled by what differs between them: "Adam, β₁ 0.9", "Adam, β₁ 0.98".
    id: 'adan-plateau',
    hash: 'surface=plateau&steps=150&speed=30&opt=adam(lr=0.3),adam(lr=0.3,beta1=0.98),adan(lr=0.3)',
    title: { en: "Adan brakes on the gradient's change", ko: '기울기의 변화로 제동하는 Adan' },
    text: {
      en:
        "Adan adds to Adam's averaged gradient m̂ a second term, β₂d̂: the average change of the gradient from one step to the next, which tells where the gradient is heading. It keeps a slow momentum, β₁ 0.98; Adam with the same β₁ (all three at lr 0.3) overshoots the hole by 0.54 and is still circling it at step 150, 0.15 away. Adan's extra term pulls it in harder while the gradient grows at the hole's rim, and once it is past the minimum (step 16) turns against m̂ and brakes: Adan overshoots by 0.39 and stays within 0.001 of (1, −1) from step 90 on. Adam at its default β₁ 0.9 does so from step 137.",
      ko:
        'Adan은 Adam의 평균 기울기 m̂에 두 번째 항 β₂d̂를 더합니다. 스텝 사이 기울기 변화의 평균으로, 기울기가 어디로 향하는지를 알려 줍니다. Adan의 모멘텀은 β₁ 0.98로 느린데, 같은 β₁의 Adam(셋 다 학습률 0.3)은 구멍을 0.54만큼 지나쳤다가 150스텝에도 0.15 떨어진 채 구멍 주위를 돌고 있습니다. Adan의 추가 항은 구멍 가장자리에서 기울기가 커지는 동안 더 세게 끌어당기고, 최솟값을 지나친 뒤(16스텝)에는 m̂과 반대쪽을 가리켜 제동을 겁니다. 그래서 Adan은 0.39만 지나치고 90스텝부터 (1, −1)에서 0.001 안에 머뭅니다. 기본값 β₁ 0.9의 Adam은 137스텝부터 그렇습니다.',
    },
  },
  {
    // Batches are drawn with seed 1 for every run, so all three see the same batches.
    id: 'schedule-free-logistic-regression',
    hash: 'surface=logistic-regression&inspect=1&opt=adam(lr=0.1,batch=4),adam(lr=0.1,batch=4,schedule=CosineAnnealingLR),schedule-free-adamw(lr=0.3,warmupSteps=50,batch=4)',
    title: { en: 'Schedule-free AdamW: an average, no schedule', ko: '스케줄 대신 평균을 쓰는 Schedule-free AdamW' },
    text: {
      en:
        "Every run takes mini-batches of 4 points. Schedule-free AdamW keeps three points: z takes AdamW's steps at a constant lr (0.3 here, after a 50-step warm-up), x is the average of the z's so far, and the gradient is taken at y = 0.9x + 0.1z, the path drawn. In the second half z wanders up to 1.41 from the minimum, but x, the point to keep (the inner-state view marks it), stays within 0.05 of it from step 216 on and ends 0.013 from it. Adam at a constant lr 0.1 keeps wandering, up to 0.27 away in the second half and 0.11 at the end; with a cosine schedule it settles as well (within 0.05 from step 254, 0.018 at the end), but only because the schedule was told the run's length and lowers the lr to almost 0 by its last step.",
      ko:
        '모든 실행이 4개 점짜리 미니배치를 씁니다. Schedule-free AdamW는 세 점을 유지합니다. z는 일정한 학습률(여기서는 50스텝의 워밍업 뒤 0.3)로 AdamW의 스텝을 밟고, x는 지금까지의 z들의 평균이며, 기울기는 그려지는 경로인 y = 0.9x + 0.1z에서 계산합니다. 후반부에 z는 최솟값에서 1.41까지 벗어나지만, 남겨 둘 점인 x(내부 상태 보기에 표시됩니다)는 216스텝부터 0.05 안에 머물다 0.013 떨어진 곳에서 끝납니다. 일정한 학습률 0.1의 Adam은 계속 떠돌아 후반부에 0.27까지 벗어나고 끝에서도 0.11 떨어져 있습니다. 코사인 스케줄을 쓰면 Adam도 자리를 잡지만(254스텝부터 0.05 안, 끝에서 0.018), 그것은 스케줄이 실행 길이를 알고 마지막 스텝까지 학습률을 거의 0으로 내리기 때문입니다.',
    },
  },
  {
    // The two SAMs are labelled "SAM, ρ 0.05" (its default) and "SAM, ρ 0.25".
    id: 'sam-three-hump-camel',
    hash: 'surface=three-hump-camel&start=-1.75,0.9&steps=100&speed=20&opt=sgd(lr=0.15),sam(lr=0.15),sam(lr=0.15,rho=0.25)',
    title: { en: 'SAM leaves the narrow basin', ko: '좁은 분지를 떠나는 SAM' },
    text: {
      en:
        "SAM steps with the gradient taken ρ uphill of where it is, so near the bottom of a basin its step does not shrink to nothing: it stays about lr × ρ × the curvature. Every run starts 0.03 from the bottom of the narrow side basin at (−1.75, 0.87), which curves 12.3 across where the origin's basin curves at most 4.4. SGD (lr 0.15) settles there, as lr × 12.3 = 1.84 is just under the 2 that gradient descent can bear. SAM with ρ 0.25 takes a step of 0.50 from 0.05 beside the bottom, bounces across the basin and at step 10 is thrown over the saddle into the origin's wider basin, where it stays, bouncing 0.11 either side of (0, 0); at its default ρ 0.05 it cannot rest in the narrow basin either and keeps bouncing there, up to 0.27 from its bottom.",
      ko:
        'SAM은 현재 위치에서 ρ만큼 오르막에 있는 점의 기울기로 스텝을 밟으므로, 분지 바닥 가까이에서도 스텝이 사라지지 않고 대략 학습률 × ρ × 곡률 크기로 남습니다. 모든 실행은 (−1.75, 0.87)에 있는 좁은 옆 분지의 바닥에서 0.03 떨어진 곳에서 출발합니다. 이 분지의 가로 방향 곡률은 12.3으로, 원점 분지의 곡률(많아야 4.4)보다 훨씬 큽니다. SGD(학습률 0.15)는 그곳에 자리를 잡습니다. 학습률 × 12.3 = 1.84가 경사 하강법이 견딜 수 있는 2에 조금 못 미치기 때문입니다. ρ 0.25의 SAM은 바닥에서 0.05 떨어진 곳에서 0.50 길이의 스텝을 밟고 분지를 가로질러 튀다가 10스텝에 안장점 너머 원점의 더 넓은 분지로 던져져, 그곳에서 (0, 0)의 양쪽으로 0.11씩 튀며 머뭅니다. 기본값 ρ 0.05의 SAM도 좁은 분지에서 가만히 있지 못하고, 바닥에서 0.27까지 벗어나며 계속 튑니다.',
    },
  },
];
