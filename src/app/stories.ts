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
];
