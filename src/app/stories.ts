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
];
